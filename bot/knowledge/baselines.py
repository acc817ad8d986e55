"""Baselines measured beside tutorbot: naive 1,000-character dense retrieval, and the old hand-set abstention."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np

from bot.knowledge.corpus import Document
from bot.knowledge.coverage import Coverage
from bot.knowledge.embedder import Embedder

Span = tuple[int, int]


def character_windows(document: Document, size: int = 1000, overlap: int = 200) -> list[tuple[str, Span]]:
    """Overlapping windows of the raw text with the 1-based line span each covers."""
    text = "\n".join(document.lines)
    line_starts = [0]
    for line in document.lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    windows = []
    step = size - overlap
    for start in range(0, max(1, len(text) - overlap), step):
        end = min(len(text), start + size)
        first = bisect.bisect_right(line_starts, start)
        last = bisect.bisect_right(line_starts, max(start, end - 1))
        windows.append((text[start:end], (first, last)))
    return windows


class NaiveDenseBaseline:
    """Dense search over character windows, as a first attempt would do it."""

    def __init__(self, documents: Sequence[Document], embedder: Embedder) -> None:
        self.embedder = embedder
        self.windows = [w for d in documents for w in character_windows(d)]
        self.vectors = embedder.encode([text for text, _ in self.windows])

    def search_many(self, queries: Sequence[str], k: int = 10) -> list[list[Span]]:
        scores = self.embedder.encode(list(queries)) @ self.vectors.T
        return [[self.windows[i][1] for i in np.argsort(-row)[:k]] for row in scores]


# The hand-set abstention rule tutorbot used before the learned model, kept to be measured beside it.
HAND_UNKNOWN_TERM_DENSE = 0.62
HAND_UNKNOWN_TERM_COVERAGE = 0.6
HAND_MIN_DENSE = 0.36
HAND_WEAK_COVERAGE = 0.4
HAND_WEAK_COVERAGE_DENSE = 0.5


def hand_rule_declines(coverage: Coverage) -> bool:
    """Whether the old hand-set thresholds (dense similarity, term coverage, unknown terms) decline."""
    dense, share = coverage.dense, coverage.coverage
    if coverage.unknown and (dense < HAND_UNKNOWN_TERM_DENSE or share < HAND_UNKNOWN_TERM_COVERAGE):
        return True
    if dense < HAND_MIN_DENSE:
        return True
    return share < HAND_WEAK_COVERAGE and dense < HAND_WEAK_COVERAGE_DENSE
