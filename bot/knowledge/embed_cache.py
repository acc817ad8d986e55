"""Embeddings remembered by text, so a rebuild embeds only texts it has not seen (used for quiz-prompt terms)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.knowledge.embedder import Embedder

log = logging.getLogger(__name__)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


class EmbeddingCache:
    """`encode` like the embedder's, reusing vectors saved by an earlier build of the same model."""

    def __init__(self, embedder: Embedder, previous: Path | None = None) -> None:
        self.embedder = embedder
        self.vectors: dict[str, np.ndarray] = {}
        self._used: dict[str, None] = {}  # keys asked for by this build, in order
        if previous is not None and previous.is_file():
            self._load(previous)

    def _load(self, path: Path) -> None:
        try:
            with np.load(path, allow_pickle=False) as saved:
                if str(saved["model"]) != self.embedder.model_id:
                    return
                keys, vectors = saved["keys"], saved["vectors"]
        except (OSError, ValueError, KeyError) as error:
            log.warning("ignoring the unreadable embedding cache %s (%s)", path, error)
            return
        if vectors.ndim == 2 and len(keys) == len(vectors):
            self.vectors = {str(k): v for k, v in zip(keys, vectors, strict=True)}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [_key(t) for t in texts]
        self._used.update(dict.fromkeys(keys))
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self.vectors))
        if missing:
            for text, vector in zip(missing, self.embedder.encode(missing), strict=True):
                self.vectors[_key(text)] = vector
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.stack([self.vectors[k] for k in keys]).astype(np.float32)

    def save(self, path: Path) -> None:
        """Write the vectors this build asked for (and only those) to `path`."""
        keys = list(self._used)
        vectors = np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, 0), dtype=np.float32)
        with path.open("wb") as handle:
            np.savez(handle, model=np.array(self.embedder.model_id), keys=np.array(keys), vectors=vectors)
