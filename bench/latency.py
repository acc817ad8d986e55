"""Benchmark 2: one question at a time through Answerer.answer, against embedding that one question alone."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from bench.env import ready_settings, shared_embedder
from bench.questions import benchmark_questions
from bench.report import Table, ms, percentile, ratio
from bot.indexing import open_retriever
from bot.knowledge.answering import Answerer


def elapsed(work: Callable[[str], object], question: str) -> float:
    started = time.perf_counter()
    work(question)
    return time.perf_counter() - started


def paired_latencies(
    work: Callable[[str], object], floor: Callable[[str], object], questions: Sequence[str]
) -> tuple[list[float], list[float]]:
    """Each question timed through `floor` then `work`, interleaved so a busy machine slows both alike."""
    pairs = [(elapsed(floor, q), elapsed(work, q)) for q in questions]
    return [w for _, w in pairs], [f for f, _ in pairs]


def run(quick: bool) -> Table:
    questions = benchmark_questions(100)
    embedder = shared_embedder()
    answerer = Answerer(open_retriever(ready_settings(), embedder, rebuild=False))
    service, floor = paired_latencies(answerer.answer, lambda q: embedder.encode([q], batch_size=1), questions)
    table = Table(f"2. Ask latency, one at a time ({len(questions)} questions)")
    for q, limit in ((50, 1.5), (99, 4.0)):
        value, base = percentile(service, q), percentile(floor, q)
        table.add(
            f"p{q} Answerer.answer",
            ms(value),
            f"bare embed {ms(base)}",
            f"<= {limit:g}x",
            ratio(value, base) <= limit,
        )
        table.add(f"  ratio p{q}", f"{ratio(value, base):.2f}x")
    table.add("max", ms(max(service)), f"bare embed {ms(max(floor))}")
    table.note("Floor: Embedder.encode of the raw question, batch of one; each question timed both ways in turn.")
    return table
