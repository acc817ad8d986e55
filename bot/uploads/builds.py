"""Building one server's notes index: its files (plus the default notes when included) into its own index folder.

`run_build` does the work (convert, chunk, embed only what no earlier build embedded, write, swap atomically);
`BuildWorker` runs it in a separate process that keeps the embedding model loaded, so the bot's event loop and
its answering threads never wait on a build; `InlineBuilder` runs it in a thread (the command line, tests).
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import logging
import os
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol, TypeVar

from bot.errors import BuildCrashed
from bot.indexing import build_documents, embedding_cache, notes_artifacts, profile_hash
from bot.knowledge.corpus import Document, load_corpus
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.artifacts import read_chunks
from bot.knowledge.index.store import IndexStore
from bot.knowledge.intake import UploadLimits, read_upload
from bot.knowledge.profile import NEUTRAL, load_profile
from bot.settings import Settings
from bot.uploads.searchable import can_donate, searchable_artifacts

log = logging.getLogger(__name__)
T = TypeVar("T")

SERVERS_FOLDER = "servers"  # under the index folder: servers/<guild id>/ holds one server's builds
SERVER_CORPUS = "notes"  # the link to a server's current build: servers/<guild id>/notes
CONVERTED_KEPT = 64  # converted files a build process remembers (a PDF is converted once, not at every build)


@dataclass(frozen=True)
class BuildJob:
    """One server's notes to build: its files as uploaded (name -> bytes) at `revision`."""

    guild_id: int
    revision: int
    files: dict[str, bytes]
    include_default: bool
    settings: Settings
    limits: UploadLimits = field(default_factory=UploadLimits)
    reuse_from: Path | None = None  # a first stage: the learned models and unchanged files' quiz items of this
    # build folder are reused (`bot.uploads.searchable`); None: the complete build


@dataclass(frozen=True)
class BuildResult:
    """A finished build: its id (unique across servers), folder, and each uploaded file's passage count."""

    guild_id: int
    revision: int
    build_id: str
    folder: Path
    passages: dict[str, int]
    chunk_count: int
    embedded: int
    reused: int
    seconds: float
    complete: bool = True  # False: a first stage (quiz items and models reused, see `BuildJob.reuse_from`)


def server_folder(settings: Settings, guild_id: int) -> Path:
    """Where a server's builds live: <index>/servers/<guild id>/."""
    return settings.paths.index_dir / SERVERS_FOLDER / str(guild_id)


def build_id_of(guild_id: int, folder: Path) -> str:
    """A build's id: the server and the build folder's name (two servers' builds never share one)."""
    return f"{guild_id}/{folder.name}"


def build_folder(settings: Settings, build_id: str) -> Path:
    """The folder of the build `build_id` (it may be missing on this machine: see `BuildResult`)."""
    guild, _, name = build_id.partition("/")
    return server_folder(settings, int(guild)) / "builds" / name


class _Converted:
    """Uploaded files read into Documents, remembered by name, content and the limits they were read under (the
    build process reads a PDF once; a file read under looser limits is read again, and refused, under tighter)."""

    def __init__(self, size: int = CONVERTED_KEPT) -> None:
        self._kept: OrderedDict[tuple[str, str, UploadLimits], Document] = OrderedDict()
        self._size = size

    def __call__(self, name: str, data: bytes, limits: UploadLimits) -> Document:
        key = (name, hashlib.sha256(data).hexdigest(), limits)
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        document = read_upload(name, data, limits)
        self._kept[key] = document
        if len(self._kept) > self._size:
            self._kept.popitem(last=False)
        return document


convert = _Converted()


def run_build(job: BuildJob, embedder: Embedder) -> BuildResult:
    """Build the server's index (complete, or its first stage when `job.reuse_from`) and make it its current build
    (atomically). UploadRefused when a stored file cannot be read any more (limits lowered since), OSError when the
    disk is full."""
    uploads = [convert(name, data, job.limits) for name, data in sorted(job.files.items())]
    settings = job.settings
    if job.include_default:
        documents = [*load_corpus(settings.paths.corpus_dir, settings.paths.root), *uploads]
        profile = (load_profile(settings.paths.corpus_dir), profile_hash(settings))
    else:
        documents, profile = uploads, (NEUTRAL, "")
    folder = server_folder(settings, job.guild_id)
    store = IndexStore(folder / "unused", folder, settings.paths.root, SERVER_CORPUS)
    donor = job.reuse_from if job.reuse_from is not None and can_donate(job.reuse_from) else None  # else complete
    artifacts = notes_artifacts if donor is None else partial(searchable_artifacts, donor)
    with _locked(folder):  # vectors of texts any build here embedded before (the default notes') are reused
        report = build_documents(store, embedding_cache(settings, embedder), documents, profile, artifacts)
    counts = Counter(chunk.source for chunk in read_chunks(report.path))
    return BuildResult(
        guild_id=job.guild_id,
        revision=job.revision,
        build_id=build_id_of(job.guild_id, report.path),
        folder=report.path,
        passages={name: counts.get(name, 0) for name in job.files},
        chunk_count=report.chunk_count,
        embedded=report.embedded,
        reused=report.reused,
        seconds=report.seconds,
        complete=donor is None,
    )


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One build of a server at a time across processes (the folder itself is locked)."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


@dataclass(frozen=True)
class ReadFile:
    """An uploaded file that reads as notes: its clean name and, for a PDF, its pages."""

    name: str
    pages: int | None


def read_file(name: str, data: bytes, limits: UploadLimits) -> ReadFile:
    """`read_upload`, remembered for the build that follows; UploadRefused with the reason."""
    document = convert(name, data, limits)
    return ReadFile(document.source, max(document.pages) if document.pages else None)


class Builder(Protocol):
    """Reads uploaded files and builds servers' indexes off the event loop."""

    async def read(self, name: str, data: bytes, limits: UploadLimits) -> ReadFile: ...

    async def build(self, job: BuildJob) -> BuildResult: ...


class InlineBuilder:
    """Reads and builds in a thread of this process with the given embedder (the command line, tests)."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    async def read(self, name: str, data: bytes, limits: UploadLimits) -> ReadFile:
        return await asyncio.to_thread(read_file, name, data, limits)

    async def build(self, job: BuildJob) -> BuildResult:
        return await asyncio.to_thread(run_build, job, self._embedder)


_worker_embedder: Embedder | None = None


def _start_worker(model: str | None) -> None:
    global _worker_embedder
    _worker_embedder = Embedder(model)


def _build_in_worker(job: BuildJob) -> BuildResult:
    assert _worker_embedder is not None, "the build worker starts with its embedder"
    return run_build(job, _worker_embedder)


BUILD_CRASHED = "Building the notes index stopped unexpectedly (its process died); the files are kept."


class BuildWorker:
    """Builds in one separate process (spawned once, the model loaded there), one build at a time.

    A worker that dies (killed, out of memory) is replaced at the next call; the caller of the call it was doing
    gets BuildCrashed (ServerNotes tries the build again, `bot.uploads.retry`) and nothing stored is lost.
    """

    def __init__(self, model: str | None) -> None:
        self._model = model
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=get_context("spawn"), initializer=_start_worker, initargs=(self._model,)
            )
        return self._pool

    async def read(self, name: str, data: bytes, limits: UploadLimits) -> ReadFile:
        return await self._run(read_file, name, data, limits)

    async def build(self, job: BuildJob) -> BuildResult:
        return await self._run(_build_in_worker, job)

    async def _run(self, work: Callable[..., T], *args: object) -> T:
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor(), work, *args)
        except BrokenProcessPool as error:
            log.error("the notes build worker died (%s)", work.__name__)
            self.close()
            raise BuildCrashed(BUILD_CRASHED) from error

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
