"""Spelling repair of questions against the notes' own words, before keyword matching and embedding."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.knowledge.analysis.analyser import STOP_WORDS, words

MIN_CORRECTED_LENGTH = 4


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
