"""Benchmark 5: notes 10x / 100x the default: build time, exact (flat) vs HNSW search, and HNSW recall@10."""

from __future__ import annotations

import time

import numpy as np

from bench.env import ready_settings, scratch_dir, shared_embedder
from bench.questions import benchmark_questions
from bench.report import Table, ms, percentile, ratio, secs
from bench.synthetic import noisy_vectors, write_corpus
from bot.indexing import load_index
from bot.knowledge.chunking import ChunkerSettings, chunk_documents
from bot.knowledge.corpus import corpus_hash, load_corpus
from bot.knowledge.index.builder import NotesBuild, build
from bot.knowledge.index.dense import FaissIndex
from bot.knowledge.index.embeddings import EmbeddingCache
from bot.knowledge.index.store import IndexStore
from bot.knowledge.retriever import CANDIDATE_POOL
from bot.settings import REPO_ROOT

SAMPLE_FOR_RATE = 256
WIDER_SEARCH = 256


def search_times(index: FaissIndex, queries: np.ndarray, k: int) -> tuple[list[float], np.ndarray]:
    """Per-query latency (one query at a time, as the retriever searches) and the rows found."""
    times, found = [], []
    for query in queries:
        started = time.perf_counter()
        _, rows = index.search(query, k)
        times.append(time.perf_counter() - started)
        found.append(rows)
    return times, np.array(found)


def recall_at(approximate: np.ndarray, exact: np.ndarray, k: int) -> float:
    hits = [len(set(a[:k]) & set(e[:k])) / k for a, e in zip(approximate, exact, strict=True)]
    return float(np.mean(hits))


def faiss_rows(table: Table, base: np.ndarray, queries: np.ndarray, copies: int) -> None:
    vectors = noisy_vectors(base, copies)
    flat = FaissIndex.of(vectors, "flat")
    started = time.perf_counter()
    hnsw = FaissIndex.of(vectors, "hnsw")
    hnsw_build = time.perf_counter() - started
    flat_times, flat_rows = search_times(flat, queries, CANDIDATE_POOL)
    hnsw_times, hnsw_rows = search_times(hnsw, queries, CANDIDATE_POOL)
    recall = recall_at(hnsw_rows, flat_rows, 10)
    size = f"{len(vectors):,} vectors ({copies}x)"
    table.add(
        f"{size}: search p50 / p99, HNSW",
        f"{ms(percentile(hnsw_times, 50))} / {ms(percentile(hnsw_times, 99))}",
        f"flat {ms(percentile(flat_times, 50))} / {ms(percentile(flat_times, 99))}",
    )
    table.add(f"{size}: HNSW recall@10 vs exact", f"{recall:.3f}", "exact = 1", ">= 0.95", recall >= 0.95)
    table.add(f"{size}: HNSW build", secs(hnsw_build), "flat: adding only")
    hnsw.widen_search(WIDER_SEARCH)
    wide_times, wide_rows = search_times(hnsw, queries, CANDIDATE_POOL)
    table.add(
        f"{size}: with efSearch={WIDER_SEARCH}: recall@10 / p50",
        f"{recall_at(wide_rows, flat_rows, 10):.3f} / {ms(percentile(wide_times, 50))}",
        "what a wider search would give",
    )


def build_rows(table: Table, copies: int, full_build: bool) -> None:
    embedder = shared_embedder()
    root = scratch_dir("scale")
    corpus = write_corpus(REPO_ROOT / "corpus", root / "corpus", copies)
    started = time.perf_counter()
    chunks = chunk_documents(load_corpus(corpus, root), ChunkerSettings(), window_fits=embedder.fits_window)
    chunking = time.perf_counter() - started
    sample = [c.embed_text for c in chunks[:: max(1, len(chunks) // SAMPLE_FOR_RATE)]]
    started = time.perf_counter()
    embedder.encode(sample)
    rate = len(sample) / (time.perf_counter() - started)
    table.add(f"synthetic corpus {copies}x: chunks", f"{len(chunks):,}", "")
    table.add(f"synthetic corpus {copies}x: chunking (with word-piece counts)", secs(chunking))
    table.add(
        f"synthetic corpus {copies}x: embedding, estimated",
        secs(len(chunks) / rate),
        f"{rate:.1f} chunks/s on {len(sample)} sampled",
    )
    if full_build:
        plan = NotesBuild(load_corpus(corpus, root), corpus_hash(corpus, root))
        report = build(IndexStore(corpus, root / "index", root), plan, EmbeddingCache(embedder, None))
        table.add(
            f"synthetic corpus {copies}x: index build, measured (no quiz prompts)",
            secs(report.seconds),
            f"embedding {secs(report.embed_seconds)}",
            "",
            None,
        )
        table.add("  embedding share", f"{ratio(report.embed_seconds, report.seconds):.0%}")


def run(quick: bool) -> Table:
    embedder = shared_embedder()
    base = load_index(ready_settings(), embedder).vectors
    queries = embedder.encode(benchmark_questions(100))
    table = Table("5. Scale of the notes")
    for copies in (10, 100):
        faiss_rows(table, base, queries, copies)
    build_rows(table, 10 if quick else 100, full_build=not quick)
    table.note(
        "Search: FAISS directly, k=100 (the retriever's candidate pool), on the default vectors copied with Gaussian "
        "noise and re-normalised (no embedding of 50k chunks); queries are 100 real question embeddings."
    )
    table.note("HNSW is bot.knowledge.index.dense's own (M=32, efConstruction=80, efSearch=256).")
    return table
