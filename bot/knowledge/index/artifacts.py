"""A build's files: chunks (`chunks.jsonl`), their vectors (`vectors.npy`), the dense and sparse indexes, read
back into a `NotesIndex` and checked against the manifest.

Reading takes a shared lock on the build folder (`reading`), so a cleanup in another process never removes a
build while it is being read (`bot.knowledge.index.store`).
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from bot.errors import IndexCorrupt, IndexStale
from bot.knowledge.chunking import Chunk
from bot.knowledge.index.dense import DENSE_FILE, DenseIndex, FaissIndex
from bot.knowledge.index.manifest import FORMAT_VERSION, MANIFEST_FILE, Manifest, verify
from bot.knowledge.index.sparse import SPARSE_FOLDER, BM25Index, SparseIndex

CHUNKS_FILE = "chunks.jsonl"
VECTORS_FILE = "vectors.npy"
CHECKSUMMED = (CHUNKS_FILE, VECTORS_FILE, DENSE_FILE)  # the index's own files in every manifest


@dataclass
class NotesIndex:
    """A loaded index: chunks in id order, their vectors (float32, (n, dimension)), and the dense and sparse
    indexes over the same rows."""

    manifest: Manifest | None  # None while the index is still being built (see `index_in`)
    path: Path
    chunks: list[Chunk]
    vectors: np.ndarray
    dense: DenseIndex
    sparse: SparseIndex


def chunk_to_json(chunk: Chunk) -> str:
    """One line of chunks.jsonl."""
    data = asdict(chunk)
    data["heading_path"] = list(chunk.heading_path)
    data["images"] = list(chunk.images)
    return json.dumps(data, ensure_ascii=False)


def chunk_from_json(line: str) -> Chunk:
    """The chunk of one line of chunks.jsonl (ValueError, KeyError or TypeError when malformed)."""
    data = json.loads(line)
    data["heading_path"] = tuple(data["heading_path"])
    data["images"] = tuple(data["images"])
    data["added_lines"] = tuple(data["added_lines"])
    data["pages"] = tuple(data.get("pages", ()))  # absent in builds made before pages were kept
    return Chunk(**data)


def read_chunks(build: Path) -> list[Chunk]:
    """The chunks of the build folder `build`, in row order."""
    return [chunk_from_json(line) for line in (build / CHUNKS_FILE).read_text("utf-8").splitlines()]


def write_index_files(
    folder: Path, chunks: list[Chunk], vectors: np.ndarray, dense: DenseIndex, sparse: SparseIndex
) -> None:
    """Write the chunks, their vectors and both indexes into `folder` (the files of `CHECKSUMMED` and bm25/)."""
    (folder / CHUNKS_FILE).write_text("".join(chunk_to_json(c) + "\n" for c in chunks), encoding="utf-8")
    np.save(folder / VECTORS_FILE, vectors)
    dense.save(folder / DENSE_FILE)
    sparse.save(folder / SPARSE_FOLDER)


@contextmanager
def reading(folder: Path) -> Iterator[None]:
    """Hold a shared lock on the build folder while reading it (cleanups skip a folder so held); IndexCorrupt
    when the folder is gone."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise IndexCorrupt(f"The notes build {folder} cannot be read ({error}); build it again.") from error
    try:
        fcntl.flock(handle, fcntl.LOCK_SH)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def load_build(folder: Path, model_id: str) -> NotesIndex:
    """The build in `folder` (of any notes, e.g. one server's), read and checked against its manifest: IndexStale
    for another model or format, IndexCorrupt for a damaged or missing file."""
    manifest = Manifest.read(folder / MANIFEST_FILE)
    if manifest.format_version != FORMAT_VERSION or manifest.model != model_id:
        raise IndexStale(f"The notes build {folder.name} was made by another tutorbot or model; build it again.")
    with reading(folder):  # a retired build: no cleanup removes it between the check and the read
        verify(folder, manifest)
        return read_build(folder, manifest)


def read_build(path: Path, manifest: Manifest) -> NotesIndex:
    """The build's files read (IndexCorrupt when one cannot be, or they disagree on the number of chunks)."""
    try:
        with reading(path):
            chunks = read_chunks(path)
            vectors = np.load(path / VECTORS_FILE)
            dense = FaissIndex.load(path / DENSE_FILE)
            sparse = BM25Index.load(path / SPARSE_FOLDER)
    except Exception as error:  # any unreadable artifact means the same thing to the user
        raise IndexCorrupt(f"The notes index at {path} is unreadable ({error}); run `tutorbot build-index`.") from error
    if not (len(chunks) == vectors.shape[0] == dense.count == manifest.chunk_count):
        raise IndexCorrupt("Index files disagree on the number of chunks; run `tutorbot build-index`.")
    return NotesIndex(manifest, path, chunks, vectors, dense, sparse)


def index_in(folder: Path, chunks: list[Chunk], vectors: np.ndarray) -> NotesIndex:
    """The index being built in `folder` (chunks, vectors, dense and sparse written, no manifest yet).

    For artifact writers that search the notes, e.g. to train on questions generated from them.
    """
    return NotesIndex(
        None, folder, chunks, vectors, FaissIndex.load(folder / DENSE_FILE), BM25Index.load(folder / SPARSE_FOLDER)
    )
