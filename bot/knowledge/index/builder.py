"""Building an index: documents → chunks → vectors (through the embedding cache) → the build's files, the
artifacts other layers write beside them (given a `BuildContext`), and the manifest; published by the store."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from bot.knowledge.analysis.notes import NotesAnalysis
from bot.knowledge.chunking import Chunk, ChunkerSettings, chunk_documents
from bot.knowledge.corpus import Document
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.artifacts import CHECKSUMMED, NotesIndex, index_in, write_index_files
from bot.knowledge.index.dense import FaissIndex, kind_for
from bot.knowledge.index.embeddings import EmbeddingCache
from bot.knowledge.index.manifest import FORMAT_VERSION, Manifest, checksums_of
from bot.knowledge.index.sparse import BM25Index
from bot.knowledge.index.store import IndexStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildContext:
    """What an artifact writer gets: the build folder being written (not yet current), the notes' documents,
    their chunks in row order and vectors (float32, (n, dimension)), the embedder and the build's embedding
    cache (for any further texts to embed, e.g. quiz terms). The sparse index and the writers of one build share
    its `analysis` (the chunks analysed once)."""

    folder: Path
    documents: Sequence[Document]
    chunks: list[Chunk]
    vectors: np.ndarray
    embedder: Embedder
    cache: EmbeddingCache

    @cached_property
    def analysis(self) -> NotesAnalysis:
        """The chunks' text analysis, made once for every writer of this build that searches the notes."""
        return NotesAnalysis.of(self.chunks)

    def index(self) -> NotesIndex:
        """The index being built (chunks, vectors, dense and sparse written; no manifest yet), to search it."""
        return index_in(self.folder, self.chunks, self.vectors)


ArtifactWriter = Callable[[BuildContext], None]  # writes the file named by its key in `NotesBuild.artifacts`


@dataclass(frozen=True)
class NotesBuild:
    """What to build: `documents` whose hash is `notes_hash` (`corpus_hash` of a folder, `documents_hash`
    otherwise), chunked with `chunker`, with `artifacts` (file name -> writer, run in order, each file
    checksummed in the manifest) written beside the index."""

    documents: Sequence[Document]
    notes_hash: str
    artifacts: Mapping[str, ArtifactWriter] = field(default_factory=dict)
    chunker: ChunkerSettings = field(default_factory=ChunkerSettings)
    faiss_kind: str = "auto"  # "flat", "hnsw", or "auto" (HNSW above dense.HNSW_THRESHOLD chunks)


@dataclass(frozen=True)
class BuildReport:
    """A finished build: its folder, chunks, how many were embedded and reused, and the seconds it took."""

    path: Path
    chunk_count: int
    embedded: int
    reused: int
    seconds: float
    embed_seconds: float


def build(store: IndexStore, plan: NotesBuild, cache: EmbeddingCache, progress: bool = False) -> BuildReport:
    """Build `plan` into `store` and make it the current build atomically (run under the builder's lock).

    Vectors come from `cache` (which first takes in the store's current build, see `EmbeddingCache.adopt`), so
    only texts never embedded by this model are embedded. Anything a writer raises (OSError when the disk is full)
    leaves the current build as it was.
    """
    started = time.perf_counter()
    embedder = cache.embedder
    chunks = chunk_documents(plan.documents, plan.chunker, window_fits=embedder.fits_window)
    texts = [c.embed_text for c in chunks]
    cache.adopt(store.current())
    known = cache.cached(texts)
    embedded = sum(1 for text in texts if text not in known)
    embed_started = time.perf_counter()
    vectors = cache.encode(texts, progress=progress)
    embed_seconds = time.perf_counter() - embed_started

    def write(folder: Path) -> None:
        kind = kind_for(len(chunks), plan.faiss_kind)
        context = BuildContext(folder, plan.documents, chunks, vectors, embedder, cache)
        sparse = BM25Index.of([list(passage.terms) for passage in context.analysis.passages])
        write_index_files(folder, chunks, vectors, FaissIndex.of(vectors, kind), sparse)
        for writer in plan.artifacts.values():
            writer(context)
        Manifest(
            format_version=FORMAT_VERSION,
            model=embedder.model_id,
            dimension=embedder.dimension,
            chunker=plan.chunker.as_dict(),
            corpus_hash=plan.notes_hash,
            chunk_count=len(chunks),
            faiss_kind=kind,
            built_at=time.time(),
            checksums=checksums_of(folder, (*CHECKSUMMED, *plan.artifacts)),
        ).write(folder)

    path = store.publish(write)
    cache.prune()
    report = BuildReport(
        path, len(chunks), embedded, len(chunks) - embedded, time.perf_counter() - started, embed_seconds
    )
    log.info(
        "built %s: %d chunks (%d embedded, %d reused) in %.1fs",
        path,
        report.chunk_count,
        report.embedded,
        report.reused,
        report.seconds,
    )
    return report
