"""Benchmark 9: 200 servers with about 1 MB of notes each in one process (issue 19): resident memory against the
default-only bot, the first answer of a server whose bundle is not loaded, and p50 for a loaded one beside the
default bundle's p50.

Embedding 200 MB of notes for real would take hours here, so each server's build is made with a *stand-in
embedder* for the notes' vectors: the real model's tokenizer decides the chunks, and each chunk's vector is a
deterministic pseudo-random unit vector seeded by its text (`StandInEmbedder`). Everything after the build is the
real path: the notes library resolves each server to its build, loads its bundle in a worker thread (the manifest
and every artifact checked, FAISS, BM25, quiz items), and answers with the real model embedding the question. Only
the ranking quality of these servers' answers is meaningless, not their cost.

Distinct builds (`DISTINCT`, each from its own permuted copies of the default notes) are made once; each server's
folder holds one of them (hard links, so 200 servers take little disk), and every server's bundle is loaded on its
own, as in production. The fixtures are cached outside the repository (`CACHE`) and made again when this code
cannot read them; quick mode uses fewer servers and says so.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.env import in_fresh_process, ready_settings
from bench.questions import benchmark_questions
from bench.report import Table, ms, percentile, ratio
from bench.synthetic import variant
from bot.errors import NotesIndexError
from bot.heap import freeze_startup_objects
from bot.indexing import build_documents, open_build, open_notes
from bot.knowledge.corpus import Document, load_corpus
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.embeddings import EmbeddingCache
from bot.knowledge.index.store import IndexStore
from bot.knowledge.profile import NEUTRAL, load_profile
from bot.service.library import DEFAULT_CAPACITY, NotesLibrary
from bot.service.notes import NotesBundle, NotesSource
from bot.settings import REPO_ROOT

SERVERS, QUICK_SERVERS = 200, 20
DISTINCT, QUICK_DISTINCT = 4, 1
NOTES_BYTES = 1_000_000  # about this much markdown per server
CACHE = Path(os.environ.get("TUTORBOT_BENCH_CACHE", Path(tempfile.gettempdir()) / "tutorbot-bench-cache"))
MEMORY_TARGET_MB = 3 * 1024
COLD_TARGET = 1.0  # seconds to the first answer of a server whose bundle is not loaded
LOADED_QUESTIONS = 60


class StandInEmbedder(Embedder):
    """The real model's tokenizer and id, with a deterministic pseudo-random unit vector per text instead of the
    model's embedding (a stand-in for building benchmark fixtures only; never used to answer)."""

    def encode(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")
            vectors[row] = np.random.default_rng(seed).standard_normal(self.dimension)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors


def server_documents(number: int) -> list[Document]:
    """About NOTES_BYTES of markdown: permuted copies of the default notes, headings distinct per copy."""
    text, copy = "", 0
    notes = load_corpus(REPO_ROOT / "corpus", REPO_ROOT)
    while len(text.encode("utf-8")) < NOTES_BYTES:
        for document in notes:
            text += variant("\n".join(document.lines), 1000 * number + copy)
        copy += 1
    return [Document(source=f"server-{number}.md", lines=tuple(text.splitlines()))]


def fixtures(servers: int, distinct: int) -> Path:
    """The cached folder of `servers` server builds (built once; `servers/<n>` is one server's build)."""
    key = hashlib.sha256(f"{servers}/{distinct}/{NOTES_BYTES}".encode()).hexdigest()[:12]
    folder = CACHE / f"server-notes-{key}"
    if (folder / "done").exists() and _readable(folder / "servers" / "0"):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    embedder = StandInEmbedder()
    builds = []
    for number in range(distinct):
        store = IndexStore(folder / "unused", folder / "distinct" / str(number), REPO_ROOT, "notes")
        report = build_documents(store, EmbeddingCache(embedder, None), server_documents(number), (NEUTRAL, ""))
        builds.append(report.path)
    for server in range(servers):
        shutil.copytree(builds[server % distinct], folder / "servers" / str(server), copy_function=os.link)
    (folder / "done").write_text("built\n")
    return folder


def _readable(build: Path) -> bool:
    """Whether this code reads a cached build (a change of the index format makes the fixtures again)."""
    try:
        open_build(build, Embedder())
    except NotesIndexError:
        return False
    return True


@dataclass(frozen=True)
class Figures:
    default_rss_mb: float
    all_rss_mb: float
    peak_rss_mb: float
    held: int
    chunks: int
    cold: list[float]
    loaded: list[float]
    default: list[float]


def rss_mb() -> float:
    """Resident memory of this process now (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(folder: Path, servers: int, capacity: int) -> Figures:
    """In a fresh process: the default-only bot's memory (its startup objects frozen, as the running bot's), then
    every server asked once (cold), then a loaded server's answers beside the default bundle's, interleaved."""
    import resource

    settings = ready_settings()
    embedder = Embedder(settings.retrieval.model)
    retriever, items = open_notes(settings, embedder, rebuild=False)
    default = NotesBundle(retriever, items, load_profile(settings.paths.corpus_dir))
    questions = benchmark_questions(LOADED_QUESTIONS)
    asyncio.run(_ask_all(default, questions[:5]))  # the default-only bot after a few answers
    freeze_startup_objects()  # as the running bot does once started (`TutorBot(freeze_startup=True)`)
    default_rss = rss_mb()

    def load(source: NotesSource) -> NotesBundle:
        build, build_items = open_build(source.folder, embedder)
        return NotesBundle(build, build_items, source.profile, source.build_id)

    async def resolve(guild_id: int) -> NotesSource:
        return NotesSource(f"{guild_id}/bench", folder / "servers" / str(guild_id - 1), NEUTRAL)

    library = NotesLibrary(default, load, resolve, capacity=capacity)
    cold, loaded, plain = asyncio.run(_cold_then_loaded(library, servers, questions))
    held = library.loaded()
    chunks = len(next(iter(held.values())).chunks)
    return Figures(
        default_rss,
        rss_mb(),
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        len(held),
        chunks,
        cold,
        loaded,
        plain,
    )


async def _ask_all(bundle: NotesBundle, questions: Sequence[str]) -> None:
    for question in questions:
        await bundle.ask(question)


async def _cold_then_loaded(
    library: NotesLibrary, servers: int, questions: Sequence[str]
) -> tuple[list[float], list[float], list[float]]:
    cold = []
    for guild in range(1, servers + 1):
        started = time.perf_counter()
        bundle = await library.bundle_for(guild)
        await bundle.ask(questions[guild % len(questions)])
        cold.append(time.perf_counter() - started)
    loaded, plain = [], []
    for question in questions:  # the last server asked is loaded; each question both ways in turn
        started = time.perf_counter()
        await (await library.bundle_for(None)).ask(question)
        plain.append(time.perf_counter() - started)
        started = time.perf_counter()
        await (await library.bundle_for(servers)).ask(question)
        loaded.append(time.perf_counter() - started)
    return cold, loaded, plain


def run(quick: bool) -> Table:
    servers, distinct = (QUICK_SERVERS, QUICK_DISTINCT) if quick else (SERVERS, DISTINCT)
    started = time.perf_counter()
    folder = fixtures(servers, distinct)
    prepared = time.perf_counter() - started
    ready_settings()  # the default index, made before the measuring process starts
    figures = in_fresh_process(measure, folder, servers, DEFAULT_CAPACITY)
    table = Table(f"9. {servers} servers with about 1 MB of notes each, in one process")
    table.add(
        f"resident memory after every server answered once ({figures.held} bundles held)",
        f"{figures.all_rss_mb:.0f} MB (peak {figures.peak_rss_mb:.0f} MB)",
        f"default-only bot {figures.default_rss_mb:.0f} MB",
        f"<= {MEMORY_TARGET_MB} MB",
        figures.peak_rss_mb <= MEMORY_TARGET_MB,
    )
    table.add(
        "  per server bundle held",
        f"{(figures.all_rss_mb - figures.default_rss_mb) / max(1, figures.held):.0f} MB",
        f"{figures.chunks:,} passages each",
    )
    for q in (50, 99):
        table.add(
            f"first answer, bundle not loaded: p{q}",
            ms(percentile(figures.cold, q)),
            f"loaded server p{q} {ms(percentile(figures.loaded, q))}",
            f"<= {COLD_TARGET * 1000:.0f} ms",
            percentile(figures.cold, q) <= COLD_TARGET,
        )
    table.add("  max", ms(max(figures.cold)))
    loaded50, default50 = percentile(figures.loaded, 50), percentile(figures.default, 50)
    table.add(
        "answer p50, a loaded server",
        ms(loaded50),
        f"default bundle p50 {ms(default50)} ({ratio(loaded50, default50):.2f}x)",
        "unchanged (<= 1.25x)",
        ratio(loaded50, default50) <= 1.25,
    )
    table.note(
        f"Each server's build was made with a stand-in embedder for its vectors (a seeded random vector per chunk: "
        f"embedding {servers} MB for real takes hours here); {distinct} distinct builds of ~1 MB of permuted default "
        f"notes, each server's folder its own hard-linked copy, each loaded on its own. Loading, retrieval and "
        f"answering are the real path (the real model embeds every question). Fixtures cached in {CACHE} "
        f"({prepared:.0f} s to prepare this run)."
    )
    table.note(
        f"The library holds at most {DEFAULT_CAPACITY} server bundles (least recently used evicted), so memory grows "
        f"with the servers in use, not all servers; {LOADED_QUESTIONS} questions interleaved for the p50s."
    )
    if quick:
        table.note(f"Quick mode: {servers} servers instead of {SERVERS}.")
    table.note(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores shared)")
    return table
