"""Which notes passages contain which keyword terms, with each term's rarity (IDF), for weighted coverage."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import numpy as np

from bot.knowledge.analysis.analyser import terms
from bot.knowledge.analysis.idf import vanishing_idf
from bot.knowledge.analysis.notes import NotesAnalysis

# Exam phrasing that says nothing about the subject; it must not pull passages towards an option.
EXAM_FILLER = frozenset(
    terms(
        "developer company application solution requirement meet following select choose statement correct best "
        "most likely should need want team organization option true which what how cause action step"
    )
)

TermWeights = Mapping[str, float]


class TermIndex:
    """An inverted index of the chunks' stemmed terms (heading path included) with `idf.vanishing_idf`: a term in
    every passage tells no passage apart. Built over the index's analysis (`analysis`)."""

    def __init__(self, analysis: NotesAnalysis) -> None:
        self.analysis = analysis
        self.size = analysis.size
        rows: dict[str, list[int]] = defaultdict(list)
        for row, passage in enumerate(analysis.passages):
            for term in passage.term_set:
                rows[term].append(row)
        self.rows = {term: np.array(found, dtype=np.int64) for term, found in rows.items()}

    def chunk_terms(self, row: int) -> frozenset[str]:
        """The terms of chunk `row` (heading path included)."""
        return self.analysis.passages[row].term_set

    def idf(self, term: str) -> float:
        """Rarity of a term the notes use (`knows`); KeyError for one they never use."""
        return vanishing_idf(self.size, len(self.rows[term]))

    def knows(self, term: str) -> bool:
        """Whether some passage of the notes uses the term."""
        return term in self.rows

    def subject_weights(self, text: str) -> dict[str, float]:
        """IDF weights of the subject terms of `text` that the notes use (exam filler left out): a word the notes
        never use cannot be found in any passage, so it would only lower every passage's coverage alike."""
        return {t: self.idf(t) for t in dict.fromkeys(terms(text)) if t not in EXAM_FILLER and self.knows(t)}

    def coverage(self, weights: TermWeights) -> np.ndarray:
        """For every chunk, the share of the total weight of `weights` whose terms it contains (0..1)."""
        total = sum(weights.values())
        scores = np.zeros(self.size, dtype=np.float32)
        if total <= 0:
            return scores
        for term, weight in weights.items():
            found = self.rows.get(term)
            if found is not None and weight > 0:
                scores[found] += weight
        return scores / total


def text_coverage(text_terms: Iterable[str], weights: TermWeights) -> float:
    """The share of the total weight of `weights` whose terms occur in `text_terms`."""
    total = sum(weights.values())
    present = set(text_terms)
    return sum(w for t, w in weights.items() if t in present) / total if total > 0 else 0.0
