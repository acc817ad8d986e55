"""The text analyser: how text becomes keyword terms (tokens, stop words, Snowball stems).

One analyser serves a notes index: what BM25 indexes, what the reranker, the answer's coverage measures, the
abstention checks and the practice checker match, are all its terms (`NotesAnalysis` computes the notes' side once
per index). The module-level `words`, `content_words`, `stem_all` and `terms` are the default analyser's, for text
that is not the notes' (a question, an option, a side of a comparison).

Other tokenisers read text for other jobs and differ on purpose: `abstention.TOKEN` keeps case and a leading
letter, since a capital or a digit is what marks a product name; `comparisons.WORD` keeps backticks, slashes and
parentheses, since a side of a comparison is quoted as the member wrote it; the quiz's `term_match.WORD` splits
at '_' and keeps '%', since it compares typed answers word by word.

Keyword terms depend on nothing in the notes' profile (bot/knowledge/profile.py): the profile's dropped words and
invariant plurals are rules for comparing quiz answers (bot/quiz/normalise.py), which read the profile in use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

WORD = re.compile(r"[a-z0-9]+(?:[a-z0-9@.\-][a-z0-9]+)*")
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "u",
        "ur",
        "pls",
        "please",
        "tell",
        "explain",
        "know",
        "want",
        "wanna",
        "gonna",
        "thing",
        "things",
        "something",
        "someone",
        "way",
        "ways",
        "use",
        "used",
        "using",
    ]
)


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


@dataclass(frozen=True)
class TextAnalyser:
    """Keyword analysis: lower-cased word tokens, stop words dropped, Snowball stems of `language`.

    A token is a run of letters and digits that may hold '.', '-' or '@' between them ("api.example.com",
    "read-only"); such a compound is kept whole and also split into its parts, so either matches.
    """

    stop_words: frozenset[str] = STOP_WORDS
    language: str = "english"

    def words(self, text: str) -> list[str]:
        """Lower-cased word tokens of `text`, in order; compounds kept whole and then their parts."""
        tokens: list[str] = []
        for token in WORD.findall(text.lower()):
            tokens.append(token)
            if any(sep in token for sep in "-.@"):
                tokens.extend(part for part in re.split(r"[-.@]", token) if part)
        return tokens

    def content_words(self, text: str) -> list[str]:
        """`words` without stop words."""
        return [w for w in self.words(text) if w not in self.stop_words]

    def stems(self, tokens: Iterable[str]) -> list[str]:
        """The Snowball stem of each token, in order."""
        return _stemmer(self.language).stemWords(list(tokens))

    def terms(self, text: str) -> list[str]:
        """The stemmed content words of `text`, in order: what BM25 indexes and every keyword measure matches."""
        return self.stems(self.content_words(text))


ENGLISH = TextAnalyser()  # the default analyser, which every index uses today
words = ENGLISH.words
content_words = ENGLISH.content_words
stem_all = ENGLISH.stems
terms = ENGLISH.terms
