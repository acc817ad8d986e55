"""Spelling repair of questions against the notes' own words, before keyword matching and embedding.

Only a word that could be a typo is repaired: a common English word ("rotation", "faces", "incremental") is what
its writer meant, not a slip for a notes word a letter away ("location", "aces", "increments"), and a name written
with a capital inside it ("GardenQL", "ACUs", "PostgreSQL") is a name the notes may simply not know, not a
misspelling of "garden" or "acls" (a partial answer must be able to say that the notes never mention it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from bot.knowledge.analysis.analyser import STOP_WORDS, words

MIN_CORRECTED_LENGTH = 4
COMMON_ENGLISH_ZIPF = 3.0  # wordfreq's Zipf scale: about once per million words or more; such a word is no typo
TOKEN = re.compile(r"[A-Za-z]+")


def written_as_name(token: str) -> bool:
    """Whether a word is written as a name: a capital after its first letter ("GardenQL", "ACUs", "GPU")."""
    return any(c.isupper() for c in token[1:])


def names_in(text: str) -> set[str]:
    """The lower-cased words of `text` written as names (`written_as_name`)."""
    return {t.lower() for t in TOKEN.findall(text) if written_as_name(t)}


class Vocabulary:
    """The notes' own words, to repair typos in questions before keyword matching."""

    def __init__(self, texts: Iterable[str] = (), counts: Counter[str] | None = None) -> None:
        """The words of `texts` (`analyser.words`), or already counted ones (`counts`: word -> occurrences)."""
        self.counts: Counter[str] = counts if counts is not None else Counter(w for text in texts for w in words(text))
        frequent_first = sorted(self.counts, key=lambda w: (-self.counts[w], w))
        self._choices = [w for w in frequent_first if len(w) >= MIN_CORRECTED_LENGTH and w.isalpha()]

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def correct(self, word: str) -> str:
        """The closest frequent notes word within a small edit distance, or `word` unchanged (a notes word, a short
        or stop word, or a common English word)."""
        if word in self.counts or len(word) < MIN_CORRECTED_LENGTH or not word.isalpha() or word in STOP_WORDS:
            return word
        if zipf_frequency(word, "en") >= COMMON_ENGLISH_ZIPF:
            return word
        max_edits = 1 if len(word) < 8 else 2  # a swap of two neighbouring letters is one edit
        match = process.extractOne(word, self._choices, scorer=OSA.distance, score_cutoff=max_edits)
        return match[0] if match else word

    def repair_in_place(self, text: str) -> str:
        """`text` with misspelt words corrected and everything else (case, punctuation) left as it was."""

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            if written_as_name(word):
                return word
            corrected = self.correct(word.lower())
            return word if corrected == word.lower() else corrected

        return TOKEN.sub(fix, text)

    def repair(self, text: str) -> str:
        """`text` as words with each unknown word replaced by its correction (words written as names kept)."""
        names = names_in(text)
        return " ".join(w if w in names else self.correct(w) for w in words(text))
