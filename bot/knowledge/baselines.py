"""The naive retrieval baseline measured beside tutorbot: fixed 1,000-character windows, dense only."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np

from bot.knowledge.corpus import Document
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
