"""What the notes mention: technical terms and product names of a question that the notes never use.

One of the measures the answerability model weighs (bot/knowledge/coverage.py), and what a declined or partial
answer names as missing.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from functools import cached_property

from wordfreq import zipf_frequency

from bot.knowledge.analysis.analyser import STOP_WORDS, stem_all, terms
from bot.knowledge.analysis.markup import folded
from bot.knowledge.analysis.sentences import question_clauses
from bot.knowledge.analysis.spelling import Vocabulary, written_as_name
from bot.knowledge.retriever import Retriever

TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.\-@][A-Za-z0-9]+)*")
PHRASE_SLACK = 2  # other content words allowed between a product name's words ("RAID disk snapshots")
RARE_ENGLISH_ZIPF = 1.5  # below this, a lower-case word is jargon rather than plain English


def is_technical(token: str, first: bool) -> bool:
    """Whether a word looks like a product or technical name rather than plain English."""
    if any(c.isdigit() for c in token) or "." in token.strip("."):
        return True
    if written_as_name(token):  # camelCase or ACRONYM
        return True
    if token[0].isupper() and not first:
        return True
    return zipf_frequency(token.lower(), "en") < RARE_ENGLISH_ZIPF


def known(word: str, vocabulary: Vocabulary, stems: Set[str], repaired: bool = True) -> bool:
    """Whether the notes use `word` (lower-cased), or its stem, or (when `repaired`) the notes word its typo is of;
    a compound is known when each of its parts is."""
    corrected = vocabulary.correct(word) if repaired else word
    if corrected in vocabulary or stem_all([corrected])[0] in stems:
        return True
    parts = [p for p in re.split(r"[.\-@]", word) if p]
    return len(parts) > 1 and all(known(p, vocabulary, stems, repaired) for p in parts if p not in STOP_WORDS)


@dataclass(frozen=True)
class NotesLexicon:
    """What the notes say, for checking a question's terms: their words, stems and whole text."""

    vocabulary: Vocabulary
    stems: Set[str]
    text: str  # `markup.folded`: lower-cased, emphasis removed, whitespace collapsed
    passages: tuple[tuple[str, ...], ...]  # each passage's stemmed content words, in order

    @classmethod
    def of(cls, texts: list[str], vocabulary: Vocabulary, stems: Set[str]) -> NotesLexicon:
        """The lexicon of passages `texts`, analysed here (tests and small tools; an index has its analysis)."""
        passages = tuple(tuple(terms(t)) for t in texts)
        return cls(vocabulary, stems, " ".join(folded(t) for t in texts), passages)

    @classmethod
    def of_retriever(cls, retriever: Retriever) -> NotesLexicon:
        """The lexicon of the notes a retriever searches, from the index's analysis (`retriever.analysis`)."""
        analysis = retriever.analysis
        text = " ".join(folded(c.embed_text) for c in retriever.chunks)
        return cls(analysis.vocabulary, analysis.stems, text, tuple(p.terms for p in analysis.passages))

    @cached_property
    def sorted_words(self) -> tuple[str, ...]:
        """The notes' words in alphabetical order (to find the notes words a shortening begins)."""
        return tuple(sorted(self.vocabulary.counts))

    def mentions(self, phrase: str) -> bool:
        """Whether the notes use the phrase: word for word (whole words: "Kiln Config" is not in "kiln configure"),
        or its words (any form, any order) close together."""
        if re.search(rf"(?<![a-z0-9]){re.escape(folded(phrase))}(?![a-z0-9])", self.text):
            return True
        wanted = set(terms(self.vocabulary.repair(phrase)))
        width = len(wanted) + PHRASE_SLACK
        return bool(wanted) and any(
            wanted <= set(passage[start : start + width])
            for passage in self.passages
            if wanted <= set(passage)
            for start in range(max(1, len(passage) - width + 1))
        )


def _tokens(question: str) -> list[tuple[str, bool]]:
    """Word tokens of the question, each with whether it starts a sentence."""
    return [
        (token, i == 0) for sentence in question_clauses(question) for i, token in enumerate(TOKEN.findall(sentence))
    ]


def _name_phrases(question: str) -> list[str]:
    """Runs of two or more capitalised words not starting a sentence: product names such as 'Transit Gateway'."""
    phrases, run = [], []
    for token, first in [*_tokens(question), ("", False)]:
        if not first and token[:1].isupper():
            run.append(token)
            continue
        if len(run) > 1:
            phrases.append(" ".join(run))
        run = []
    return phrases


def named_things(question: str, prefixes: Set[str] = frozenset()) -> tuple[str, ...]:
    """The question's technical-looking words (`is_technical`: "GPU", "Config", "postgresql") of three letters or
    more, except the vendor words that stand before names (`prefixes`, lower-cased: "acme")."""
    skipped = STOP_WORDS | prefixes
    found = [
        token
        for token, first in _tokens(question)
        if len(token) >= 3 and token.lower() not in skipped and is_technical(token, first)
    ]
    return tuple(dict.fromkeys(found))


def unknown_technical_terms(question: str, lexicon: NotesLexicon) -> tuple[str, ...]:
    """Technical-looking words, and capitalised names, of the question that the notes never mention."""
    found = [
        name
        for name in named_things(question)
        if not known(name.lower(), lexicon.vocabulary, lexicon.stems, repaired=not written_as_name(name))
    ]
    found.extend(p for p in _name_phrases(question) if not lexicon.mentions(p))
    return tuple(dict.fromkeys(found))
