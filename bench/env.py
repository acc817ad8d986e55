"""What every benchmark needs: a scratch copy of the notes, settings pointing at it, child processes and RSS."""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
from sqlalchemy.engine import make_url

from bot.indexing import build_index, index_problem
from bot.knowledge.embedder import Embedder
from bot.settings import REPO_ROOT, PathSettings, Settings

T = TypeVar("T")
# The PostgreSQL database the benchmarks make (and drop) their scratch schemas in: TUTORBOT_BENCH_DATABASE_URL,
# else the tests' TUTORBOT_TEST_DATABASE_URL, else a local server's "test" database (docs/configuration.md).
POSTGRES_URL = (
    os.environ.get("TUTORBOT_BENCH_DATABASE_URL")
    or os.environ.get("TUTORBOT_TEST_DATABASE_URL")
    or "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


def scratch_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"tutorbot-bench-{prefix}-"))


def scratch_settings(root: Path, corpus_from: Path = REPO_ROOT / "corpus") -> Settings:
    """Settings over a copy of the notes in `root` (index and SQLite database there too)."""
    corpus = root / "corpus"
    if not corpus.exists():
        shutil.copytree(corpus_from, corpus)
    return Settings(paths=PathSettings(root=root, corpus=corpus))  # its index/ and data/tutorbot.db


def sample_corpus(root: Path, fraction: float) -> Path:
    """A folder in `root` holding the first `fraction` of each default note, cut at a second-level heading."""
    folder = root / "sample-corpus"
    folder.mkdir()
    for note in (REPO_ROOT / "corpus").glob("*.md"):
        lines = note.read_text(encoding="utf-8").splitlines(keepends=True)
        cut = int(len(lines) * fraction)
        while cut < len(lines) and not lines[cut].startswith("## "):
            cut += 1
        (folder / note.name).write_text("".join(lines[:cut]), encoding="utf-8")
    return folder


@cache
def shared_embedder() -> Embedder:
    """One loaded model for the in-process benchmarks."""
    embedder = Embedder()
    embedder.encode(["warm the model up"])
    return embedder


@cache
def ready_settings() -> Settings:
    """Settings over a scratch copy of the notes with a current index (the repo's copied, or built once)."""
    settings = scratch_settings(scratch_dir("ready"))
    embedder = shared_embedder()
    if index_problem(Settings(), embedder) is None:
        shutil.copytree(REPO_ROOT / "index", settings.paths.index_dir, symlinks=True)
    if index_problem(settings, embedder) is not None:
        build_index(settings, embedder)
    return settings


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_fresh_process(work: Callable[..., T], *args: Any) -> T:
    """Run `work(*args)` in a new interpreter (spawned), so its time and peak memory start from nothing."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(work, *args).result()


async def _admin() -> asyncpg.Connection:
    url = make_url(POSTGRES_URL)
    return await asyncpg.connect(user=url.username, host=url.host, port=url.port, database=url.database)


@asynccontextmanager
async def postgres_schema() -> AsyncIterator[str]:
    """A fresh PostgreSQL schema for one benchmark, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = await _admin()
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
        yield schema
    finally:
        await admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await admin.close()
