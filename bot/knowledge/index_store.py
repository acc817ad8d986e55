"""The notes index on disk: build (incrementally, atomically), validate and load.

Layout: `<index_dir>/<corpus>` is a symlink to `<index_dir>/builds/<build id>/`, which holds `manifest.json`,
`chunks.jsonl`, `vectors.faiss`, `vectors.npy` and `bm25/` (and files other layers add, e.g. `prompts.jsonl`). A
build is written to a fresh folder and the symlink is swapped with one atomic rename, so readers only ever see a
whole index; the manifest's checksums reveal anything truncated or tampered with afterwards.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import bm25s
import faiss
import numpy as np

from bot.errors import IndexCorrupt, IndexMissing, IndexStale
from bot.knowledge.analysis.analyser import terms
from bot.knowledge.chunking import Chunk, ChunkerSettings, chunk_documents
from bot.knowledge.corpus import Document, corpus_hash, documents_hash, load_corpus
from bot.knowledge.embedder import Embedder

log = logging.getLogger(__name__)

LEFTOVER_GRACE_SECONDS = 15 * 60  # a leftover build folder younger than this may still be being written
FORMAT_VERSION = 4  # raise whenever chunking or artifact layout changes: older indexes are rebuilt
DEFAULT_CORPUS = "default"
HNSW_THRESHOLD = 20_000  # chunks; above this an approximate (HNSW) index replaces the exact flat one
CHECKSUMMED = ("chunks.jsonl", "vectors.npy", "vectors.faiss")

# Extra artifacts built from the chunks (e.g. quiz prompts): name -> writer(chunks, vectors, build folder).
ArtifactWriter = Callable[[list[Chunk], np.ndarray, Path], None]


@dataclass(frozen=True)
class Manifest:
    format_version: int
    model: str
    dimension: int
    chunker: dict[str, int]
    corpus_hash: str
    chunk_count: int
    faiss_kind: str
    built_at: float
    checksums: dict[str, str]

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError) as error:
            raise IndexCorrupt(
                f"The index manifest {path} is unreadable ({error}); run `tutorbot build-index`."
            ) from error


@dataclass(frozen=True)
class BuildReport:
    path: Path
    chunk_count: int
    embedded: int
    reused: int
    seconds: float
    embed_seconds: float


@dataclass
class NotesIndex:
    """A loaded index: chunks in id order, their vectors, the FAISS index and BM25 over the same rows."""

    manifest: Manifest | None  # None while the index is still being built (see `index_in`)
    path: Path
    chunks: list[Chunk]
    vectors: np.ndarray
    faiss_index: faiss.Index
    bm25: bm25s.BM25


def load_build(folder: Path, model_id: str) -> NotesIndex:
    """The build in `folder` (of any notes, e.g. one server's), read and checked against its manifest: IndexStale
    for another model or format, IndexCorrupt for a damaged or missing file."""
    manifest = Manifest.read(folder / "manifest.json")
    if manifest.format_version != FORMAT_VERSION or manifest.model != model_id:
        raise IndexStale(f"The notes build {folder.name} was made by another tutorbot or model; build it again.")
    _verify(folder, manifest)
    return _read_build(folder, manifest)


def _verify(folder: Path, manifest: Manifest) -> None:
    """IndexCorrupt unless every file the manifest lists is in `folder` with its checksum."""
    for name, expected in manifest.checksums.items():
        path = folder / name
        if not path.exists() or _sha256(path) != expected:
            raise IndexCorrupt(f"Index file {name} is missing or damaged; run `tutorbot build-index`.")


def _read_build(path: Path, manifest: Manifest) -> NotesIndex:
    """The build's files read (IndexCorrupt when one cannot be, or they disagree on the number of chunks)."""
    try:
        chunks = read_chunks(path)
        vectors = np.load(path / "vectors.npy")
        faiss_index = faiss.read_index(str(path / "vectors.faiss"))
        bm25 = bm25s.BM25.load(str(path / "bm25"), show_progress=False)
    except Exception as error:  # any unreadable artifact means the same thing to the user
        raise IndexCorrupt(f"The notes index at {path} is unreadable ({error}); run `tutorbot build-index`.") from error
    if not (len(chunks) == vectors.shape[0] == faiss_index.ntotal == manifest.chunk_count):
        raise IndexCorrupt("Index files disagree on the number of chunks; run `tutorbot build-index`.")
    return NotesIndex(manifest, path, chunks, vectors, faiss_index, bm25)


def index_in(folder: Path, chunks: list[Chunk], vectors: np.ndarray) -> NotesIndex:
    """The index being built in `folder` (chunks, vectors, FAISS and BM25 written, no manifest yet).

    For artifact writers that search the notes, e.g. to train on questions generated from them.
    """
    faiss_index = faiss.read_index(str(folder / "vectors.faiss"))
    bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
    return NotesIndex(None, folder, chunks, vectors, faiss_index, bm25)


def vectors_of(folder: Path, model_id: str) -> dict[str, np.ndarray]:
    """The vectors of the build in `folder` by embedded-text hash; {} unless it is an undamaged build of the same
    model (its chunks and vectors must match the manifest's checksums)."""
    try:
        path = folder.resolve()
        manifest = Manifest.read(path / "manifest.json")
        intact = all(_sha256(path / name) == manifest.checksums.get(name) for name in ("chunks.jsonl", "vectors.npy"))
        if manifest.model != model_id or not intact:
            return {}
        chunks = read_chunks(path)
        vectors = np.load(path / "vectors.npy")
    except Exception:  # no usable build there: embed everything
        return {}
    if len(chunks) != len(vectors):
        return {}
    return {_text_key(c.embed_text): v for c, v in zip(chunks, vectors, strict=True)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _chunk_to_json(chunk: Chunk) -> str:
    data = asdict(chunk)
    data["heading_path"] = list(chunk.heading_path)
    data["images"] = list(chunk.images)
    return json.dumps(data, ensure_ascii=False)


def _chunk_from_json(line: str) -> Chunk:
    data = json.loads(line)
    data["heading_path"] = tuple(data["heading_path"])
    data["images"] = tuple(data["images"])
    data["added_lines"] = tuple(data["added_lines"])
    data["pages"] = tuple(data.get("pages", ()))  # absent in builds made before pages were kept
    return Chunk(**data)


def read_chunks(build: Path) -> list[Chunk]:
    return [_chunk_from_json(line) for line in (build / "chunks.jsonl").read_text("utf-8").splitlines()]


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _make_faiss(vectors: np.ndarray, kind: str) -> faiss.Index:
    dimension = vectors.shape[1]
    index: faiss.Index
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dimension, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 256
    else:
        index = faiss.IndexFlatIP(dimension)
    index.add(vectors)
    return index


def faiss_kind_for(count: int, requested: str = "auto") -> str:
    if requested != "auto":
        return requested
    return "hnsw" if count > HNSW_THRESHOLD else "flat"


def corpus_link(index_dir: Path, corpus: str = DEFAULT_CORPUS) -> Path:
    return index_dir / corpus


class IndexStore:
    """Builds, checks and loads the index of one corpus folder."""

    def __init__(self, corpus_dir: Path, index_dir: Path, root: Path, corpus: str = DEFAULT_CORPUS) -> None:
        self.corpus_dir = corpus_dir
        self.index_dir = index_dir
        self.root = root
        self.link = corpus_link(index_dir, corpus)

    # -- validation -------------------------------------------------------------------------------------------
    def manifest(self) -> Manifest:
        path = self.link / "manifest.json"
        if not path.exists():
            raise IndexMissing(f"No notes index at {self.link}; run `tutorbot build-index`.")
        return Manifest.read(path)

    def check(
        self, model_id: str, chunker: ChunkerSettings, verify_files: bool = True, notes_changed_ok: bool = False
    ) -> Manifest:
        """The manifest, after checking it matches these notes, model and settings (raises otherwise).

        `notes_changed_ok` accepts a build of older notes (the last good index, when a rebuild cannot be written).
        """
        manifest = self.manifest()
        if manifest.format_version != FORMAT_VERSION:
            raise IndexStale(f"The index has format {manifest.format_version}, this tutorbot reads {FORMAT_VERSION}.")
        if manifest.model != model_id:
            raise IndexStale(f"The index was built with model {manifest.model!r}, not {model_id!r}.")
        if manifest.chunker != chunker.as_dict():
            raise IndexStale("The index was built with other chunker settings.")
        if not notes_changed_ok and manifest.corpus_hash != corpus_hash(self.corpus_dir, self.root):
            raise IndexStale("The notes changed since the index was built.")
        if verify_files:
            _verify(self.link, manifest)
        return manifest

    # -- loading ----------------------------------------------------------------------------------------------
    def load(self, model_id: str, chunker: ChunkerSettings | None = None, notes_changed_ok: bool = False) -> NotesIndex:
        """The current build, checked (`check`) and read; IndexCorrupt when a file cannot be read."""
        chunker = chunker or ChunkerSettings()
        manifest = self.check(model_id, chunker, notes_changed_ok=notes_changed_ok)
        return _read_build(self.link.resolve(), manifest)

    def previous_vectors(self, model_id: str, also: Sequence[Path] = ()) -> dict[str, np.ndarray]:
        """Vectors of the current build (and of the builds in `also`, e.g. the default notes' build that a
        server's notes include) by embedded-text hash, to skip re-embedding chunks embedded before."""
        found: dict[str, np.ndarray] = {}
        for folder in (*also, self.link):
            found.update(vectors_of(folder, model_id))
        return found

    # -- building ---------------------------------------------------------------------------------------------
    def build(
        self,
        embedder: Embedder,
        chunker: ChunkerSettings | None = None,
        faiss_kind: str = "auto",
        artifacts: dict[str, ArtifactWriter] | None = None,
        progress: bool = False,
        documents: Sequence[Document] | None = None,
        reuse: Sequence[Path] = (),
    ) -> BuildReport:
        """Build the index of the corpus folder, or of `documents` when given (notes not from a folder, such as a
        server's uploads), reusing the vectors of the current build and of the builds in `reuse`."""
        started = time.perf_counter()
        chunker = chunker or ChunkerSettings()
        if documents is None:
            the_hash = corpus_hash(self.corpus_dir, self.root)
            documents = load_corpus(self.corpus_dir, self.root)
        else:
            the_hash = documents_hash(documents)
        chunks = chunk_documents(documents, chunker, window_fits=embedder.fits_window)
        cache = self.previous_vectors(embedder.model_id, reuse)
        keys = [_text_key(c.embed_text) for c in chunks]
        missing = [i for i, key in enumerate(keys) if key not in cache]
        embed_started = time.perf_counter()
        fresh = embedder.encode([chunks[i].embed_text for i in missing], progress=progress)
        embed_seconds = time.perf_counter() - embed_started
        vectors = np.zeros((len(chunks), embedder.dimension), dtype=np.float32)
        for row, i in enumerate(missing):
            vectors[i] = fresh[row]
        for i, key in enumerate(keys):
            if key in cache:
                vectors[i] = cache[key]

        builds = self.index_dir / "builds"
        builds.mkdir(parents=True, exist_ok=True)
        self.remove_leftovers()  # space for this build: what killed builds left behind goes first
        replaced = self.link.resolve() if self.link.is_symlink() else None
        build_dir = builds / f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        tmp_dir = builds / f".tmp-{build_dir.name}"
        tmp_dir.mkdir()
        try:
            kind = faiss_kind_for(len(chunks), faiss_kind)
            self._write(tmp_dir, chunks, vectors, kind)
            for writer in (artifacts or {}).values():
                writer(chunks, vectors, tmp_dir)
            checksummed = (*CHECKSUMMED, *(artifacts or {}))
            self._write_manifest(tmp_dir, embedder, chunker, the_hash, len(chunks), kind, checksummed)
            os.replace(tmp_dir, build_dir)
            self._swap_link(build_dir)
        finally:
            shutil.rmtree(tmp_dir, ignore_errors=True)
        if replaced is not None and replaced != build_dir.resolve() and replaced not in self._linked():
            shutil.rmtree(replaced, ignore_errors=True)  # the build this one replaced
        report = BuildReport(
            build_dir,
            len(chunks),
            len(missing),
            len(chunks) - len(missing),
            time.perf_counter() - started,
            embed_seconds,
        )
        log.info(
            "built %s: %d chunks (%d embedded, %d reused) in %.1fs",
            build_dir,
            report.chunk_count,
            report.embedded,
            report.reused,
            report.seconds,
        )
        return report

    @staticmethod
    def _write(folder: Path, chunks: list[Chunk], vectors: np.ndarray, kind: str) -> None:
        (folder / "chunks.jsonl").write_text("".join(_chunk_to_json(c) + "\n" for c in chunks), encoding="utf-8")
        np.save(folder / "vectors.npy", vectors)
        faiss.write_index(_make_faiss(vectors, kind), str(folder / "vectors.faiss"))
        bm25 = bm25s.BM25()
        bm25.index([terms(c.embed_text) or ["\u2205"] for c in chunks], show_progress=False)
        bm25.save(str(folder / "bm25"), show_progress=False)

    @staticmethod
    def _write_manifest(
        folder: Path,
        embedder: Embedder,
        chunker: ChunkerSettings,
        the_hash: str,
        count: int,
        kind: str,
        checksummed: tuple[str, ...],
    ) -> None:
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            model=embedder.model_id,
            dimension=embedder.dimension,
            chunker=chunker.as_dict(),
            corpus_hash=the_hash,
            chunk_count=count,
            faiss_kind=kind,
            built_at=time.time(),
            checksums={name: _sha256(folder / name) for name in checksummed},
        )
        (folder / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")

    def _swap_link(self, build_dir: Path) -> None:
        tmp_link = self.index_dir / f".{self.link.name}.{uuid.uuid4().hex[:8]}"
        tmp_link.symlink_to(build_dir.relative_to(self.index_dir), target_is_directory=True)
        if self.link.exists() and not self.link.is_symlink():
            shutil.rmtree(self.link)  # an old-style real folder: replace it by the link
        os.replace(tmp_link, self.link)

    def remove_leftovers(self, grace_seconds: float = LEFTOVER_GRACE_SECONDS) -> list[Path]:
        """Delete what killed builds left behind: swap links never renamed into place (`.<corpus>.<id>` in the
        index folder) and build folders (finished or `.tmp-*`) that no corpus link points to; the paths removed.

        Run it holding the builder lock (`bot.indexing.build_lock`, as every build there does). A leftover
        written to less than `grace_seconds` ago is kept: a builder that does not take the lock may still be
        writing it. The live build of every corpus is never touched.
        """
        now = time.time()
        removed: list[Path] = []
        for entry in self.index_dir.iterdir():
            if _is_swap_link(entry) and now - entry.lstat().st_mtime > grace_seconds:
                entry.unlink(missing_ok=True)
                removed.append(entry)
        builds = self.index_dir / "builds"
        linked = self._linked()
        for folder in builds.iterdir() if builds.is_dir() else ():
            if folder.is_dir() and folder.resolve() not in linked and now - _last_written(folder) > grace_seconds:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        if removed:
            log.info("removed %d leftover(s) of earlier builds: %s", len(removed), ", ".join(p.name for p in removed))
        return removed

    def _linked(self) -> set[Path]:
        """The builds some corpus link points to (swap links in flight do not count)."""
        return {
            entry.resolve()
            for entry in self.index_dir.iterdir()
            if entry.is_symlink() and not _is_swap_link(entry) and entry.exists()
        }


def _is_swap_link(entry: Path) -> bool:
    """A link `_swap_link` made and would have renamed onto the corpus link: `.<corpus>.<8 hex>`."""
    return entry.is_symlink() and entry.name.startswith(".")


def _last_written(folder: Path) -> float:
    """The newest modification time of the folder or anything in it (a builder writing a file updates it)."""
    times = [folder.stat().st_mtime]
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):  # removed meanwhile
            times.append(path.lstat().st_mtime)
    return max(times)
