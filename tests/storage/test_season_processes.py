"""A season closes once across shard *processes*: three spawned processes, each with its own connections to one
database, check the same moment just after a week and a month ended; each season is handed to exactly one of them,
with the same podium."""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from threading import Barrier

import pytest

from bot.clock import FrozenClock
from bot.service.boards import Boards
from bot.service.seasons import Seasons
from bot.storage import GuildSettings, Repositories
from tests.storage.conftest import T0, Target, entry

pytestmark = pytest.mark.asyncio(loop_scope="function")
PROCESSES = 3
GUILD = 5
CLOSING = datetime(2026, 4, 1, 0, 1, tzinfo=T0.tzinfo)  # a Wednesday: March (and the week of 23 March) ended


def close_in_a_process(url: str, schema: str | None, barrier: Barrier) -> list[tuple[str, str, list[int]]]:
    """One shard: its own Database; waits for the others, then closes what is due. (period, first day, podium)."""
    return asyncio.run(_close(url, schema, barrier))


async def _close(url: str, schema: str | None, barrier: Barrier) -> list[tuple[str, str, list[int]]]:
    db = await Target(url, schema).open()
    try:
        clock = FrozenClock(CLOSING)
        repos = Repositories.over(db)
        seasons = Seasons(repos, Boards(repos, clock), clock)
        await asyncio.to_thread(barrier.wait)
        closed = await seasons.close_due()
        return [(r.period, r.starts_on.isoformat(), [row.user_id for row in r.podium]) for r in closed]
    finally:
        await db.close()


async def test_each_season_is_closed_by_exactly_one_of_several_processes(target: Target) -> None:
    db = await target.open()
    repos = Repositories.over(db)
    await repos.settings.save(GuildSettings(GUILD, daily_channel_id=42, daily_enabled=True), T0)
    last_week = CLOSING - timedelta(days=3)  # Sunday 29 March: in the closed week and month
    for user, points in ((1, 9), (2, 6), (3, 6), (4, 3)):
        await repos.answers.record(entry(GUILD, user, points=points, answered_at=last_week), member_name=f"m{user}")
    await db.close()
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(PROCESSES, mp_context=context) as pool:
        barrier = manager.Barrier(PROCESSES)
        loop = asyncio.get_running_loop()
        shards = [
            loop.run_in_executor(pool, close_in_a_process, target.url, target.schema, barrier) for _ in range(PROCESSES)
        ]
        results = await asyncio.gather(*shards)
    closed = sorted(season for shard in results for season in shard)
    assert closed == [("month", "2026-03-01", [1, 2, 3]), ("week", "2026-03-23", [1, 2, 3])]
