"""Sparse (keyword) search behind a small interface: BM25 (`bm25s`) over each chunk's analysed terms.

Tokenising is not done here: callers pass terms from `bot.knowledge.analysis`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import bm25s
import numpy as np
from bm25s.tokenization import Tokenized

SPARSE_FOLDER = "bm25"
EMPTY_DOCUMENT = "\u2205"  # stands for a chunk without terms: bm25s cannot index an empty document


class SparseIndex(Protocol):
    """Keyword relevance of every row to a query's terms."""

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every term indexed."""
        ...

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        """One score per row (float32, shape (count,)); query_terms must not be empty."""
        ...

    def save(self, folder: Path) -> None: ...


class BM25Index:
    """BM25 (bm25s defaults: Lucene variant, k1=1.5, b=0.75) over rows of terms."""

    def __init__(self, bm25: bm25s.BM25) -> None:
        self._bm25 = bm25

    @classmethod
    def of(cls, documents: Sequence[list[str]]) -> BM25Index:
        """An index over `documents`, each a list of analysed terms (row i is documents[i]). The vocabulary is
        numbered in sorted order, so the same documents give the same index in every process (bm25s numbers a
        list of strings in set order, which follows Python's per-process string hashing)."""
        rows = [terms or [EMPTY_DOCUMENT] for terms in documents]
        vocabulary = {term: number for number, term in enumerate(sorted({t for row in rows for t in row}))}
        bm25 = bm25s.BM25()
        ids = [[vocabulary[t] for t in row] for row in rows]
        bm25.index(Tokenized(ids=ids, vocab=vocabulary), show_progress=False)
        return cls(bm25)

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        """The index saved in `folder` (any exception from bm25s when unreadable)."""
        return cls(bm25s.BM25.load(str(folder), show_progress=False))

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._bm25.vocab_dict)

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        return np.asarray(self._bm25.get_scores(list(query_terms)), dtype=np.float32)

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)
