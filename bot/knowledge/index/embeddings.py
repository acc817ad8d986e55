"""One content-addressed embedding cache: a text's vector kept under (model, SHA-256 of the text), so no text is
embedded twice by one model — a chunk of the default notes, the same chunk in a server's notes that include them,
a quiz term generated again — whichever build, corpus or process asks.

The vectors live in one SQLite file under the index folder (`index/embeddings/vectors.sqlite`), shared by every
build there (the default notes and each server's). A cache file that cannot be read or written is logged and left
aside: the build embeds what it needs and loses nothing else.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from bot.knowledge.embedder import Embedder
from bot.knowledge.index.artifacts import CHUNKS_FILE, VECTORS_FILE, read_chunks
from bot.knowledge.index.manifest import MANIFEST_FILE, Manifest, intact

log = logging.getLogger(__name__)

CACHE_FOLDER = "embeddings"
CACHE_FILE = "vectors.sqlite"
KEPT_DAYS = 90  # a vector no build asked for in this many days is dropped (`prune`)
_BATCH = 500  # keys per query (SQLite's bound-parameter limit is far above)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    used_day INTEGER NOT NULL,
    PRIMARY KEY (model, text_hash)
) WITHOUT ROWID
"""


def cache_path(index_dir: Path) -> Path:
    """Where the cache of the index folder `index_dir` lives."""
    return index_dir / CACHE_FOLDER / CACHE_FILE


def text_hash(text: str) -> str:
    """The content address of a text: hex SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode()).hexdigest()


def _today() -> int:
    return int(time.time() // 86_400)


class EmbeddingCache:
    """`encode` like the embedder's, embedding only texts this model never embedded into the cache at `path`
    (None: remembered in memory only, e.g. for a throwaway build).

    Not shared between threads; open one per build. Vectors are float32 of the embedder's dimension.
    """

    def __init__(self, embedder: Embedder, path: Path | None) -> None:
        self.embedder = embedder
        self.embedded = 0  # texts this cache has embedded (not found in it)
        self._known: dict[str, np.ndarray] = {}
        self._db = _open(path) if path is not None else None

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Vectors of `texts` (shape (len(texts), dimension)), embedding only those not in the cache, each once."""
        keys = [text_hash(t) for t in texts]
        self._recall(keys)
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self._known))
        if missing:
            fresh = self.embedder.encode(missing, progress=progress)
            self.embedded += len(missing)
            added = {text_hash(t): v for t, v in zip(missing, fresh, strict=True)}
            self._known.update(added)
            self._store(added.items())
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.stack([self._known[k] for k in keys]).astype(np.float32)

    def cached(self, texts: Iterable[str]) -> set[str]:
        """Which of `texts` are in the cache already (their vectors need no embedding)."""
        by_key = {text_hash(t): t for t in texts}
        self._recall(list(by_key))
        return {text for key, text in by_key.items() if key in self._known}

    def adopt(self, build: Path | None) -> None:
        """Take the chunk vectors of the build folder `build` into the cache (a build made before the cache, or
        copied from elsewhere); nothing unless it is an undamaged build of this model."""
        if build is None:
            return
        try:
            manifest = Manifest.read(build / MANIFEST_FILE)
            if manifest.model != self.embedder.model_id or not intact(build, manifest, (CHUNKS_FILE, VECTORS_FILE)):
                return
            chunks = read_chunks(build)
            vectors = np.load(build / VECTORS_FILE)
        except Exception:  # no usable build there: nothing to take
            return
        if len(chunks) != len(vectors) or vectors.ndim != 2 or vectors.shape[1] != self.embedder.dimension:
            return
        keys = [text_hash(c.embed_text) for c in chunks]
        self._recall(keys)
        added = {k: v for k, v in zip(keys, vectors, strict=True) if k not in self._known}
        self._known.update(added)
        self._store(added.items())

    def prune(self, kept_days: int = KEPT_DAYS) -> int:
        """Drop the vectors no build asked for in `kept_days` days; how many were dropped."""
        if self._db is None:
            return 0
        try:
            with self._db:
                cursor = self._db.execute("DELETE FROM vectors WHERE used_day < ?", (_today() - kept_days,))
        except sqlite3.Error as error:
            self._lost(error)
            return 0
        return cursor.rowcount

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _recall(self, keys: Sequence[str]) -> None:
        """Read the vectors of `keys` not yet known from the file (marking them used today)."""
        wanted = [k for k in dict.fromkeys(keys) if k not in self._known]
        if self._db is None or not wanted:
            return
        model, today, width = self.embedder.model_id, _today(), self.embedder.dimension * 4
        try:
            with self._db:
                for start in range(0, len(wanted), _BATCH):
                    batch = wanted[start : start + _BATCH]
                    marks = ",".join("?" * len(batch))
                    rows = self._db.execute(
                        f"SELECT text_hash, vector FROM vectors WHERE model = ? AND text_hash IN ({marks})",
                        (model, *batch),
                    ).fetchall()
                    found = [(key, blob) for key, blob in rows if len(blob) == width]
                    self._known.update((key, np.frombuffer(blob, dtype=np.float32)) for key, blob in found)
                    self._db.execute(
                        f"UPDATE vectors SET used_day = ? WHERE model = ? AND used_day < ? AND text_hash IN ({marks})",
                        (today, model, today, *batch),
                    )
        except sqlite3.Error as error:
            self._lost(error)

    def _store(self, vectors: Iterable[tuple[str, np.ndarray]]) -> None:
        if self._db is None:
            return
        model, today = self.embedder.model_id, _today()
        rows = [(model, key, np.asarray(v, dtype=np.float32).tobytes(), today) for key, v in vectors]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as error:
            self._lost(error)

    def _lost(self, error: sqlite3.Error) -> None:
        """Work on without the file (this build only): a damaged or full cache never fails a build."""
        log.warning("the embedding cache is unusable (%s); embedding without it", error)
        self.close()


def _open(path: Path) -> sqlite3.Connection | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # a cache: a power cut may lose the last vectors, never corrupt it
        db.execute(_SCHEMA)
        db.commit()
    except (OSError, sqlite3.Error) as error:
        log.warning("the embedding cache %s cannot be opened (%s); embedding without it", path, error)
        return None
    return db
