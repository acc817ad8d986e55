"""Benchmark 4: cold start to ready, step by step, against one whole Tutor.open, each in a fresh process."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bench.env import in_fresh_process, peak_rss_mb, ready_settings, scratch_settings
from bench.report import Table, secs


def steps_in_child(root: str) -> tuple[list[tuple[str, float]], float]:
    """The steps of Tutor.open timed one by one: [(step, seconds)], peak RSS MB."""
    spent: list[tuple[str, float]] = []
    started = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal started
        now = time.perf_counter()
        spent.append((step, now - started))
        started = now

    from bot.indexing import load_index, retriever_of
    from bot.knowledge.answering import Answerer
    from bot.knowledge.embedder import Embedder
    from bot.quiz.item import load_prompts
    from bot.storage import Database

    lap("imports (bot modules, faiss, sqlalchemy; torch loads with the model)")
    settings = scratch_settings(Path(root))
    embedder = Embedder(settings.retrieval.model)
    embedder.encode(["first encode"])
    lap("model load + first encode")
    index = load_index(settings, embedder)
    lap("index load (checksums verified)")
    retriever = retriever_of(index, embedder)
    retriever.warm_up()
    lap("retriever (vocabulary, warm-up search)")
    Answerer(retriever)
    lap("answerer (lexicon, warm-up answer)")
    load_prompts(index.path / "prompts.jsonl")
    lap("quiz prompts load")
    db = asyncio.run(_open_and_close(Database, settings.database_url))
    del db
    lap("database open + migrate (SQLite)")
    return spent, peak_rss_mb()


async def _open_and_close(database: type, url: str) -> None:
    db = await database.open(url)
    await db.close()


def tutor_open_in_child(root: str) -> tuple[float, float]:
    """Seconds from a bare interpreter to a ready Tutor (imports included), and peak RSS MB."""
    started = time.perf_counter()
    from bot.tutor import Tutor

    async def open_tutor() -> None:
        tutor = await Tutor.open(scratch_settings(Path(root)))
        await tutor.close()

    asyncio.run(open_tutor())
    return time.perf_counter() - started, peak_rss_mb()


def run(quick: bool) -> Table:
    root = str(ready_settings().paths.root)
    steps, steps_rss = in_fresh_process(steps_in_child, root)
    total, rss = in_fresh_process(tutor_open_in_child, root)
    table = Table("4. Cold start to ready")
    table.add("Tutor.open from a fresh interpreter", secs(total), f"sum of the steps {secs(sum(s for _, s in steps))}")
    for step, seconds in steps:
        table.add(f"  {step}", secs(seconds))
    table.add("peak RSS, ready", f"{rss:.0f} MB", f"steps process {steps_rss:.0f} MB")
    table.note("The two columns come from two fresh spawned processes over the same prebuilt index.")
    return table
