"""Benchmark 7: four processes on one PostgreSQL claiming the daily posts of the same 50 servers at once."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from threading import Barrier

from sqlalchemy import func, select

from bench.env import POSTGRES_URL, postgres_schema, ready_settings, scratch_settings
from bench.report import Table, secs
from bot.clock import FrozenClock
from bot.indexing import load_index
from bot.knowledge.embedder import Embedder
from bot.quiz.item import QuizItem, load_prompts
from bot.storage import Database, GuildSettings, Repositories
from bot.storage.models import DailyPostRow
from bot.tutor import Tutor

PROCESSES = 4
GUILDS = range(1001, 1051)
DAYS = 3
START = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)  # after the 09:00 UTC post time


class QuizItemsOnly:
    """Stands in for the notes library where only the quiz items are read (the daily pick)."""

    def __init__(self, prompts: list[QuizItem]) -> None:
        self.prompts = {p.id: p for p in prompts}

    async def bundle_for(self, guild_id: int | None) -> QuizItemsOnly:
        return self


def shard(schema: str, index_root: str, barrier: Barrier) -> list[tuple[int, str]]:
    """One bot process: a Tutor over the shared database; claims every due post each day, all shards together."""
    return asyncio.run(_shard(schema, index_root, barrier))


async def _shard(schema: str, index_root: str, barrier: Barrier) -> list[tuple[int, str]]:
    settings = scratch_settings(Path(index_root))
    prompts = load_prompts(load_index(settings, Embedder()).path / "prompts.jsonl")
    db = await Database.open(POSTGRES_URL, schema=schema)
    clock = FrozenClock(START)
    tutor = Tutor.__new__(Tutor)  # only the daily-quiz side is exercised: no model, no retriever
    tutor.clock, tutor.repos, tutor.notes = clock, Repositories.over(db), QuizItemsOnly(prompts)  # type: ignore[assignment]
    claimed = []
    try:
        for day in range(DAYS):
            clock.set(START + timedelta(days=day))
            await asyncio.to_thread(barrier.wait)
            for server in await tutor.due_daily_servers():
                if (daily := await tutor.claim_daily_post(server)) is not None:
                    claimed.append((daily.post.guild_id, daily.post.local_date.isoformat()))
    finally:
        await db.close()
    return claimed


async def measure() -> Table:
    settings = ready_settings()
    async with postgres_schema() as schema:
        db = await Database.open(POSTGRES_URL, schema=schema)
        repos = Repositories.over(db)
        for guild in GUILDS:
            await repos.settings.save(
                GuildSettings(guild, daily_channel_id=guild * 10, daily_enabled=True), datetime.now(UTC)
            )
        await db.close()
        manager = multiprocessing.get_context("spawn").Manager()
        barrier = manager.Barrier(PROCESSES)
        started = time.perf_counter()
        with ProcessPoolExecutor(PROCESSES, mp_context=multiprocessing.get_context("spawn")) as pool:
            jobs = [pool.submit(shard, schema, str(settings.paths.root), barrier) for _ in range(PROCESSES)]
            claims = [claim for job in jobs for claim in job.result()]
        seconds = time.perf_counter() - started
        manager.shutdown()
        db = await Database.open(POSTGRES_URL, schema=schema)
        async with db.session() as session:
            rows = int(await session.scalar(select(func.count()).select_from(DailyPostRow)) or 0)
        await db.close()
    expected = len(GUILDS) * DAYS
    table = Table(f"7. Shards: {PROCESSES} processes claim the daily posts of {len(GUILDS)} servers, {DAYS} days")
    table.add(
        "posts claimed (all processes) / distinct / rows",
        f"{len(claims)} / {len(set(claims))} / {rows}",
        f"{expected} server-days",
        "each exactly once",
        len(claims) == len(set(claims)) == rows == expected,
    )
    table.add("wall, including process start", secs(seconds))
    table.note(
        "Each process builds the Tutor's daily-quiz side only (prompts, repositories, a frozen clock) and all "
        "call Tutor.claim_daily_post for every server together behind a barrier, once per simulated day."
    )
    return table


def run(quick: bool) -> Table:
    return asyncio.run(measure())
