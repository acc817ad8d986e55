"""Benchmark 1: building the default notes index, against the bare embedding of the same chunk texts."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bench.env import in_fresh_process, peak_rss_mb, sample_corpus, scratch_dir, scratch_settings
from bench.report import Table, ratio, secs
from bot.indexing import PROMPTS_FILE, embedding_cache, index_store, write_prompts
from bot.knowledge.chunking import ChunkerSettings, chunk_documents
from bot.knowledge.corpus import corpus_hash, load_corpus
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.builder import BuildContext, BuildReport, NotesBuild, build
from bot.settings import REPO_ROOT, Settings

QUICK_FRACTION = 0.25

NEW_NOTE = """# Benchmark extra topic

## Lambda cold starts in practice

A cold start happens when Lambda creates a new execution environment for a function. Provisioned concurrency keeps
environments initialised ahead of traffic, at a cost per hour. SnapStart restores a snapshot of an initialised
environment for Java, Python and .NET runtimes.

## Choosing a queue

SQS standard queues deliver at least once with best-effort ordering; FIFO queues keep order within a message group
and remove duplicates within a five-minute window. Use a dead-letter queue to keep messages that fail repeatedly.
"""


@dataclass(frozen=True)
class Timings:
    seconds: float
    embed_seconds: float
    prompt_seconds: float
    embedded: int
    reused: int
    chunk_count: int
    peak_rss_mb: float


def timed_build(settings: Settings, embedder: Embedder) -> tuple[BuildReport, float]:
    """bot.indexing.build_index, with the prompt generation timed on its own."""
    spent = [0.0]

    def timed_prompts(context: BuildContext) -> None:
        started = time.perf_counter()
        write_prompts(context)
        spent[0] += time.perf_counter() - started

    plan = NotesBuild(
        load_corpus(settings.paths.corpus_dir, settings.paths.root),
        corpus_hash(settings.paths.corpus_dir, settings.paths.root),
        {PROMPTS_FILE: timed_prompts},
    )
    cache = embedding_cache(settings, embedder)
    try:
        report = build(index_store(settings), plan, cache)
    finally:
        cache.close()
    return report, spent[0]


def _warm(embedder: Embedder) -> None:
    embedder.encode(["warm the model up"])


def build_in_child(root: Path, corpus_from: Path) -> tuple[Timings, Timings]:
    """A full build, then an incremental one after adding one note file; peak RSS of the process."""
    settings = scratch_settings(root, corpus_from)
    embedder = Embedder(settings.retrieval.model)
    _warm(embedder)
    full, full_prompts = timed_build(settings, embedder)
    first = Timings(
        full.seconds, full.embed_seconds, full_prompts, full.embedded, full.reused, full.chunk_count, peak_rss_mb()
    )
    (settings.paths.corpus_dir / "zz-bench-extra.md").write_text(NEW_NOTE, encoding="utf-8")
    again, again_prompts = timed_build(settings, embedder)
    second = Timings(
        again.seconds,
        again.embed_seconds,
        again_prompts,
        again.embedded,
        again.reused,
        again.chunk_count,
        peak_rss_mb(),
    )
    return first, second


def embed_floor_in_child(root: Path, corpus_from: Path) -> tuple[float, int, float, int]:
    """Bare embedding of the chunk texts: (seconds, chunks, peak RSS MB, chunks of the extra note)."""
    settings = scratch_settings(root, corpus_from)
    embedder = Embedder(settings.retrieval.model)
    _warm(embedder)
    chunks = chunk_documents(
        load_corpus(settings.paths.corpus_dir, settings.paths.root), ChunkerSettings(), window_fits=embedder.fits_window
    )
    started = time.perf_counter()
    embedder.encode([c.embed_text for c in chunks])
    seconds = time.perf_counter() - started
    extra_dir = root / "extra-only"
    extra_dir.mkdir()
    (extra_dir / "zz-bench-extra.md").write_text(NEW_NOTE, encoding="utf-8")
    extra = chunk_documents(load_corpus(extra_dir, root), ChunkerSettings(), window_fits=embedder.fits_window)
    return seconds, len(chunks), peak_rss_mb(), len(extra)


def run(quick: bool) -> Table:
    notes = sample_corpus(scratch_dir("sample"), QUICK_FRACTION) if quick else REPO_ROOT / "corpus"
    floor, floor_chunks, floor_rss, extra_chunks = in_fresh_process(embed_floor_in_child, scratch_dir("floor"), notes)
    full, incremental = in_fresh_process(build_in_child, scratch_dir("build"), notes)
    scope = f"first {QUICK_FRACTION:.0%} of the default notes" if quick else "default notes"
    table = Table(f"1. Index build ({scope})")
    other = full.seconds - full.embed_seconds - full.prompt_seconds
    table.add(
        "full build, wall",
        secs(full.seconds),
        f"bare embedding {secs(floor)}",
        "<= 1.3x embedding",
        ratio(full.seconds, floor) <= 1.3,
    )
    table.add("  ratio build / bare embedding", f"{ratio(full.seconds, floor):.2f}x")
    table.add("  split: embedding chunks", secs(full.embed_seconds))
    table.add("  split: quiz prompts (generation, embeds prompt texts)", secs(full.prompt_seconds))
    table.add("  split: chunking, FAISS, BM25, files, checksums", secs(other))
    table.add(
        "  build without prompts / bare embedding",
        f"{ratio(full.seconds - full.prompt_seconds, floor):.2f}x",
        "",
        "<= 1.3x",
        ratio(full.seconds - full.prompt_seconds, floor) <= 1.3,
    )
    table.add("chunks", str(full.chunk_count), f"{floor_chunks} chunked for the floor")
    table.add("peak RSS, build process", f"{full.peak_rss_mb:.0f} MB", f"model + embedding only {floor_rss:.0f} MB")
    table.add(
        "incremental (one note added): embedded",
        str(incremental.embedded),
        f"{extra_chunks} chunks in the new note",
        "== new note's chunks",
        incremental.embedded == extra_chunks,
    )
    table.add("incremental: reused", str(incremental.reused), f"{full.chunk_count} before")
    table.add("incremental: wall", secs(incremental.seconds), f"full build {secs(full.seconds)}")
    table.add("  of which quiz prompts", secs(incremental.prompt_seconds))
    table.note("Each side runs in its own fresh process (spawned) after one warm-up encode; RSS from getrusage.")
    return table
