"""Words for keyword search: tokenising, stop words, stemming, and spelling repair against the notes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import Stemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

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


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """Lower-cased word tokens; dotted/hyphenated terms are kept whole and also split into parts."""
    tokens: list[str] = []
    for token in WORD.findall(text.lower()):
        tokens.append(token)
        if any(sep in token for sep in "-.@"):
            tokens.extend(part for part in re.split(r"[-.@]", token) if part)
    return tokens


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP_WORDS]


def stem_all(tokens: Iterable[str]) -> list[str]:
    return _stemmer().stemWords(list(tokens))


def terms(text: str) -> list[str]:
    """The stemmed content words of `text`: what BM25 indexes and matches."""
    return stem_all(content_words(text))


MIN_CORRECTED_LENGTH = 4


class Vocabulary:
    """The notes' own words, to repair typos in questions before keyword matching."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.counts: Counter[str] = Counter(w for text in texts for w in words(text))
        frequent_first = sorted(self.counts, key=lambda w: (-self.counts[w], w))
        self._choices = [w for w in frequent_first if len(w) >= MIN_CORRECTED_LENGTH and w.isalpha()]

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def correct(self, word: str) -> str:
        """The closest frequent notes word within a small edit distance, or `word` unchanged."""
        if word in self.counts or len(word) < MIN_CORRECTED_LENGTH or not word.isalpha() or word in STOP_WORDS:
            return word
        max_edits = 1 if len(word) < 8 else 2  # a swap of two neighbouring letters is one edit
        match = process.extractOne(word, self._choices, scorer=OSA.distance, score_cutoff=max_edits)
        return match[0] if match else word

    def repair_in_place(self, text: str) -> str:
        """`text` with misspelt words corrected and everything else (case, punctuation) left as it was."""

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            corrected = self.correct(word.lower())
            return word if corrected == word.lower() else corrected

        return re.sub(r"[A-Za-z]+", fix, text)

    def repair(self, text: str) -> str:
        """`text` as words with each unknown word replaced by its correction."""
        return " ".join(self.correct(w) for w in words(text))
