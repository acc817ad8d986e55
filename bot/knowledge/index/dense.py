"""Dense (vector) search behind a small interface: FAISS, exact inner product or HNSW for large notes.

Vectors are L2-normalised by the embedder, so inner product is cosine similarity.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

DENSE_FILE = "vectors.faiss"
HNSW_THRESHOLD = 20_000  # chunks; above this an approximate (HNSW) index replaces the exact flat one
HNSW_NEIGHBOURS = 32  # M: links per node
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 256


class DenseIndex(Protocol):
    """Nearest vectors by inner product over rows 0..count-1."""

    @property
    def count(self) -> int: ...

    def search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The `k` best rows for one query `vector` (shape (dimension,)): (scores (k,), rows (k,) int64, -1 where
        fewer than k rows exist), best first."""
        ...

    def save(self, path: Path) -> None: ...


def kind_for(count: int, requested: str = "auto") -> str:
    """ "flat" or "hnsw": `requested` unless "auto", then HNSW above HNSW_THRESHOLD vectors."""
    if requested != "auto":
        return requested
    return "hnsw" if count > HNSW_THRESHOLD else "flat"


class FaissIndex:
    """A FAISS index: exact (`IndexFlatIP`) or approximate (`IndexHNSWFlat`, M=32, efConstruction=80,
    efSearch=256), both by inner product."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def of(cls, vectors: np.ndarray, kind: str) -> FaissIndex:
        """An index of `kind` ("flat" or "hnsw") holding `vectors` (float32, shape (n, dimension))."""
        dimension = vectors.shape[1]
        index: faiss.Index
        if kind == "hnsw":
            index = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            index = faiss.IndexFlatIP(dimension)
        index.add(vectors)
        return cls(index)

    @classmethod
    def load(cls, path: Path) -> FaissIndex:
        """The index saved at `path` (RuntimeError from FAISS when unreadable)."""
        return cls(faiss.read_index(str(path)))

    @property
    def count(self) -> int:
        return int(self._index.ntotal)

    def search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores, rows = self._index.search(vector.reshape(1, -1), k)
        return scores[0], rows[0]

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    def widen_search(self, ef_search: int) -> None:
        """Search an HNSW index with `ef_search` candidates per layer (more recall, slower); no effect when flat."""
        if isinstance(self._index, faiss.IndexHNSW):
            self._index.hnsw.efSearch = ef_search
