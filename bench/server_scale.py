"""Benchmark 6: a whole server answering one daily quiz at once, and `/leaderboard` over a year of answers.

Both go through the service (`Tutor`) over a small index of sample notes: the rush through `Tutor.answer_daily`
(grading, then one transaction: member record, answer with its credit, review state), the board through
`Tutor.leaderboard` (ranked rows with streaks) and the picture drawn from it (kept, redrawn from kept rows, or
drawn from nothing). Beside it, in the same run, the tally alone: the answer log summed
by StandingsRepository.member_tallies + rank_members (what the board read before the running totals).
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select, text

from bench.env import POSTGRES_URL, postgres_schema, sample_corpus, scratch_dir, scratch_settings, shared_embedder
from bench.report import Table, ms, percentile, secs
from bot.clock import FrozenClock
from bot.errors import NotAllowed
from bot.indexing import open_notes
from bot.knowledge.profile import load_profile
from bot.pictures import render_leaderboard
from bot.pictures.leaderboard import forget_drawn
from bot.progress.leaderboard import rank_members
from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle
from bot.service.picture_data import member_board_data
from bot.service.types import Who
from bot.settings import Settings
from bot.storage import Database
from bot.storage.credit import backfill_credits
from bot.storage.models import AnswerRow, MemberRow
from bot.storage.sql import dialect_insert
from bot.tutor import Tutor


def _load() -> str:
    """The load average over 1, 5 and 15 minutes (the machine is shared: read each figure against it)."""
    return " / ".join(f"{load:.1f}" for load in os.getloadavg())


GUILD = 4242
RUSH_GUILD = 4343  # the all-at-once rush's server (its members answer another post)
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CONCURRENCY = 32
BATCH = 5_000
RUNS = 7


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


def sample_settings() -> Settings:
    """Settings over the first 5% of the default notes, its index built (the model loaded once)."""
    root = scratch_dir("scale")
    return scratch_settings(root, corpus_from=sample_corpus(root, 0.05))


@dataclass(frozen=True)
class Rush:
    """One daily quiz answered by every member, a tenth of them twice: wall seconds, each attempt's latency,
    answers counted by the post, logged, and second tries refused."""

    wall: float
    latencies: list[float]
    counted: int
    logged: int
    refused: int


async def daily_rush(tutor: Tutor, guild_id: int, members: int, concurrency: int | None) -> Rush:
    """Every member of the server answers today's post through the service, `concurrency` at a time (None: all
    at once, as discord.py dispatches a burst of button clicks), a tenth of them twice."""
    await tutor.configure(Who(guild_id, 0, "boss", is_manager=True), daily_channel_id=1, daily_enabled=True)
    (server,) = await tutor.due_daily_servers([guild_id])
    daily = await tutor.claim_daily_post(server)
    assert daily is not None
    await tutor.daily_sent(daily.post, 1)
    gate = asyncio.Semaphore(concurrency or members * 2)
    latencies: list[float] = []

    async def answer(user_id: int) -> bool:
        async with gate:
            started = time.perf_counter()
            try:
                await tutor.answer_daily(
                    Who(guild_id, user_id, f"member {user_id}"), daily.post.id, daily.prompt.answer
                )
                return True
            except NotAllowed:  # a member's second try
                return False
            finally:
                latencies.append(time.perf_counter() - started)

    attempts = list(range(1, members + 1)) + list(range(1, members + 1, 10))
    random.Random(7).shuffle(attempts)
    started = time.perf_counter()
    outcomes = await asyncio.gather(*(answer(u) for u in attempts))
    wall = time.perf_counter() - started
    results = await tutor.repos.daily.results(daily.post.id)
    async with tutor.db.session() as session:
        logged = int(
            await session.scalar(select(func.count()).where(AnswerRow.kind == "daily", AnswerRow.guild_id == guild_id))
            or 0
        )
    return Rush(wall, latencies, results.answered, logged, len(outcomes) - sum(outcomes))


async def fill_history(db: Database, members: int, per_member: int) -> tuple[float, float]:
    """A year of answers for every member, inserted in batches, then the running totals rebuilt from them.

    Returns the seconds of (insert, rebuild).
    """
    started = time.perf_counter()
    rng = random.Random(11)
    async with db.session() as session:
        member_rows = [
            {"guild_id": GUILD, "user_id": u, "display_name": f"member {u}", "time_zone": None, "has_left": False}
            for u in range(1, members + 1)
        ]
        await session.execute(dialect_insert(session, MemberRow).on_conflict_do_nothing(), member_rows)
    rows = (
        {
            "guild_id": GUILD,
            "user_id": u,
            "prompt_id": f"p{rng.randrange(2000)}",
            "kind": "quiz",
            "correct": rng.random() < 0.7,
            "points": rng.choice((0, 2, 3)),
            "answered_at": moment,
            "local_date": moment.date(),  # the server and its members keep UTC
            "answer_key": f"bench:{u}:{n}",
            "request_id": f"bench:{u}:{n}",
        }
        for u in range(1, members + 1)
        for n in range(per_member)
        for moment in (NOW - timedelta(minutes=rng.randrange(365 * 24 * 60)),)
    )
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            await _insert(db, batch)
            batch = []
    await _insert(db, batch)
    inserted = time.perf_counter()
    async with db.session() as session:
        await session.run_sync(lambda sync: backfill_credits(sync.connection()))
        await session.execute(text("ANALYZE"))  # what autovacuum does after a bulk load
    return inserted - started, time.perf_counter() - inserted


async def _insert(db: Database, rows: list[dict[str, object]]) -> None:
    if rows:
        async with db.session() as session:
            await session.execute(insert(AnswerRow.__table__), rows)


async def tally_times(tutor: Tutor) -> list[float]:
    """The tally alone: this month summed from the answer log and ranked (no streaks, no picture)."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        tallies = await tutor.repos.standings.member_tallies(GUILD, NOW.replace(day=1, hour=0), NOW + timedelta(days=1))
        rank_members([t for t in tallies if not t.has_left], limit=100)
        times.append(time.perf_counter() - started)
    return times


@dataclass
class BoardTimes:
    """Seconds per `/leaderboard`: unchanged board (its picture kept), one member's points changed, nothing kept."""

    unchanged: list[float] = field(default_factory=list)
    one_changed: list[float] = field(default_factory=list)
    drawn_anew: list[float] = field(default_factory=list)
    streaks: int = 0


async def board_times(tutor: Tutor, period: str) -> BoardTimes:
    """`/leaderboard` end to end: the service's board with streaks, then its picture, in three cases.

    Each run moves one shown member's points by a point (the board changes, most of its rows do not), so the
    "one changed" case redraws the picture from kept rows; "drawn anew" forgets every kept picture and row first.
    """
    times = BoardTimes()

    async def once(into: list[float], bump: int = 0, forget: bool = False) -> None:
        if forget:
            forget_drawn()
        started = time.perf_counter()
        board = await tutor.leaderboard(GUILD, period)
        rows = tuple(replace(row, points=row.points + bump) if n == 5 else row for n, row in enumerate(board.rows))
        render_leaderboard(member_board_data(replace(board, rows=rows), asker_id=1))
        into.append(time.perf_counter() - started)
        times.streaks = sum(1 for days in board.streaks.values() if days > 0)

    for run in range(RUNS):
        await once(times.drawn_anew, forget=True)
        await once(times.unchanged)
        await once(times.one_changed, bump=run + 1)
    return times


def _figures(times: list[float]) -> str:
    return f"p50 {ms(statistics.median(times))}, worst {ms(max(times))}"


TutorParts = tuple[Settings, NotesBundle]


async def measure_backend(table: Table, parts: TutorParts, backend: str, members: int, per_member: int) -> None:
    settings, notes = parts
    async with open_database(backend) as db:
        tutor = Tutor(settings, NotesLibrary(notes), db, FrozenClock(NOW))
        target = 30 if backend == "postgresql" else 60
        duplicates = len(range(1, members + 1, 10))
        for guild_id, concurrency in ((RUSH_GUILD, None), (GUILD, CONCURRENCY)):
            rush = await daily_rush(tutor, guild_id, members, concurrency)
            how = "all at once" if concurrency is None else f"{concurrency} at a time"
            table.add(
                f"{backend}: {members} members answer one daily quiz, {how}",
                secs(rush.wall),
                f"load average {_load()}",
                f"<= {target} s",
                rush.wall <= target,
            )
            table.add(
                f"{backend}: answers counted / logged / second tries refused ({how})",
                f"{rush.counted} / {rush.logged} / {rush.refused}",
                f"{members} members, {duplicates} second tries",
                "each exactly once",
                rush.counted == rush.logged == members and rush.refused == duplicates,
            )
            table.add(
                f"{backend}: answer latency p50 / p99 ({how})",
                f"{ms(percentile(rush.latencies, 50))} / {ms(percentile(rush.latencies, 99))}",
            )
        insert_s, rebuild_s = await fill_history(db, members, per_member)
        tally = await tally_times(tutor)
        streaks = 0
        for period in ("week", "month", "all"):
            board = await board_times(tutor, period)
            streaks = board.streaks
            table.add(
                f"{backend}: /leaderboard {period} (service + streaks + picture), board unchanged",
                _figures(board.unchanged),
                f"tally alone (month, log): {_figures(tally)}",
                "p50 < 100 ms",
                statistics.median(board.unchanged) < 0.1,
            )
            table.add(
                f"{backend}: /leaderboard {period}, one member's points changed",
                _figures(board.one_changed),
                f"picture drawn from nothing: {_figures(board.drawn_anew)}",
                "p50 < 100 ms",
                statistics.median(board.one_changed) < 0.1,
            )
        table.add(
            f"{backend}: history {members} members x {per_member} answers over a year",
            f"insert {secs(insert_s)}, running totals rebuilt {secs(rebuild_s)}",
            f"streaks shown on the last board: {streaks}; load average after the boards {_load()}",
        )


def tutor_parts() -> TutorParts:
    """What a Tutor needs besides its database: settings and the sample notes' bundle."""
    settings = sample_settings()
    retriever, prompts = open_notes(settings, shared_embedder())
    return settings, NotesBundle(retriever, prompts, load_profile(settings.paths.corpus_dir))


async def measure(quick: bool) -> Table:
    members, per_member = (2_000, 50) if quick else (10_000, 200)
    table = Table(f"6. Server scale: {members} members, daily quiz and /leaderboard")
    parts = await asyncio.to_thread(tutor_parts)
    for backend in ("sqlite", "postgresql"):
        await measure_backend(table, parts, backend, members, per_member)
    table.note(
        "The rush: each member through Tutor.answer_daily (grade, then the answers arriving together share one "
        "transaction per batch of at most 500, service/daily_answers.py: the members, the answers, their period "
        "totals and study days, the review states read and the next FSRS states written, set-based), all at once "
        "(a burst of clicks, as discord.py dispatches them) and 32 at a time (the earlier runs' model). The board: "
        "Tutor.leaderboard (settings, then one transaction for the period's top 100 from the running totals and the "
        "study days of the 25 shown with a streak) and render_leaderboard, in three cases per run: from nothing "
        "(every kept picture and row forgotten), unchanged (the picture kept), one member's points changed (the "
        "picture redrawn from kept rows). The tally alone: member_tallies over the answer log + rank_members. "
        f"Medians of {RUNS} runs, after ANALYZE of the bulk-loaded history (as autovacuum would run)."
    )
    return table


def run(quick: bool) -> Table:
    return asyncio.run(measure(quick))
