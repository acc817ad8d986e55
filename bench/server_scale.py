"""Benchmark 6: a whole server answering one daily quiz at once, and the leaderboard over a year of answers."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select, text

from bench.env import POSTGRES_URL, postgres_schema, scratch_dir
from bench.report import Table, ms, percentile, secs
from bot.progress.leaderboard import rank_members
from bot.storage import Database, Repositories
from bot.storage.answers import Recorded
from bot.storage.models import AnswerRow, MemberRow

GUILD = 4242
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CONCURRENCY = 32
BATCH = 5_000


@asynccontextmanager
async def open_database(backend: str) -> AsyncIterator[Database]:
    if backend == "sqlite":
        db = await Database.open(f"sqlite+aiosqlite:///{scratch_dir('sqlite') / 'bench.db'}")
        yield db
        await db.close()
        return
    async with postgres_schema() as schema:
        db = await Database.open(POSTGRES_URL, schema=schema)
        yield db
        await db.close()


async def daily_rush(repos: Repositories, members: int) -> tuple[float, list[float], int, int]:
    """Every member answers the same post at once (bounded), a tenth of them twice: (wall, latencies, ok, refused)."""
    post = await repos.daily.claim(GUILD, NOW.date(), "bench-prompt", 1, NOW + timedelta(hours=1), NOW)
    assert post is not None
    gate = asyncio.Semaphore(CONCURRENCY)
    latencies: list[float] = []

    async def answer(user_id: int) -> bool:
        async with gate:
            started = time.perf_counter()
            outcome = await repos.daily.record_answer(
                post.id,
                user_id,
                choice="B",
                correct=user_id % 3 == 0,
                points=10,
                answered_at=NOW,
                request_id=uuid.uuid4().hex,
            )
            latencies.append(time.perf_counter() - started)
            return outcome.status is Recorded.NEW

    attempts = list(range(1, members + 1)) + list(range(1, members + 1, 10))
    random.Random(7).shuffle(attempts)
    started = time.perf_counter()
    outcomes = await asyncio.gather(*(answer(u) for u in attempts))
    wall = time.perf_counter() - started
    results = await repos.daily.results(post.id)
    return wall, latencies, results.answered, len(outcomes) - sum(outcomes)


async def logged_daily_answers(db: Database) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).where(AnswerRow.kind == "daily")) or 0)


async def fill_history(db: Database, members: int, per_member: int) -> float:
    """A year of answers for every member, inserted in batches; returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(11)
    async with db.session() as session:
        member_rows = [
            {"guild_id": GUILD, "user_id": u, "display_name": f"member {u}", "time_zone": None, "has_left": False}
            for u in range(1, members + 1)
        ]
        await session.execute(insert(MemberRow).prefix_with("OR IGNORE" if db.dialect == "sqlite" else ""), member_rows)
    rows = (
        {
            "guild_id": GUILD,
            "user_id": u,
            "prompt_id": f"p{rng.randrange(2000)}",
            "kind": "quiz",
            "correct": rng.random() < 0.7,
            "points": 5,
            "answered_at": NOW - timedelta(minutes=rng.randrange(365 * 24 * 60)),
            "answer_key": f"history:{u}:{n}",
            "request_id": f"history:{u}:{n}",
        }
        for u in range(1, members + 1)
        for n in range(per_member)
    )
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            await _insert(db, batch)
            batch = []
    await _insert(db, batch)
    return time.perf_counter() - started


async def _insert(db: Database, rows: list[dict[str, object]]) -> None:
    if rows:
        async with db.session() as session:
            await session.execute(insert(AnswerRow), rows)


async def leaderboard_times(repos: Repositories, runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        tallies = await repos.standings.member_tallies(GUILD, NOW - timedelta(days=365), NOW + timedelta(days=1))
        rank_members(tallies, limit=100)
        times.append(time.perf_counter() - started)
    return times


async def measure_backend(table: Table, backend: str, members: int, per_member: int) -> None:
    async with open_database(backend) as db:
        repos = Repositories.over(db)
        wall, latencies, answered, refused = await daily_rush(repos, members)
        logged = await logged_daily_answers(db)
        duplicates = len(range(1, members + 1, 10))
        table.add(f"{backend}: {members} members answer one daily quiz", secs(wall), "", "<= 60 s", wall <= 60)
        table.add(
            f"{backend}: answers counted / logged / second tries refused",
            f"{answered} / {logged} / {refused}",
            f"{members} members, {duplicates} second tries",
            "each exactly once",
            answered == logged == members and refused == duplicates,
        )
        table.add(
            f"{backend}: write latency p50 / p99",
            f"{ms(percentile(latencies, 50))} / {ms(percentile(latencies, 99))}",
            f"{CONCURRENCY} at a time",
        )
        fill = await fill_history(db, members, per_member)
        async with db.session() as session:
            await session.execute(text("ANALYZE"))  # what autovacuum does after a bulk load
        board = await leaderboard_times(repos)
        table.add(
            f"{backend}: leaderboard, {members} members x {per_member} answers over a year",
            f"median {ms(statistics.median(board))}, first {ms(board[0])}, worst {ms(max(board))}",
            f"history insert {secs(fill)}",
            "< 100 ms",
            max(board) < 0.1,
        )


async def measure(quick: bool) -> Table:
    members, per_member = (2_000, 50) if quick else (10_000, 200)
    table = Table(f"6. Server scale: {members} members, daily quiz and leaderboard")
    for backend in ("sqlite", "postgresql"):
        await measure_backend(table, backend, members, per_member)
    table.note(
        "Writes go through DailyPostRepository.record_answer (one transaction each: check post, insert answer, "
        "log points); the leaderboard is StandingsRepository.member_tallies + rank_members, after ANALYZE of the "
        "bulk-loaded history (as autovacuum would run)."
    )
    return table


def run(quick: bool) -> Table:
    return asyncio.run(measure(quick))
