"""Chaos test of issue 15: 14 simulated days x 20 servers x 30 members over the fake Discord and one database, with
seeded random faults (429, 5xx, 403, deleted posts, SIGTERM and crash with restart, SQLite locks or PostgreSQL
connection kills, lost COMMIT acknowledgements). At the end every server-day whose channel allowed it has exactly
one post and one reveal, the others were given up and the owner told once each, and every member's points are the
sum of their stored answers, each stored once and as the member was told.

Runs on PostgreSQL when TUTORBOT_TEST_DATABASE_URL is set, else on SQLite. The seed is TUTORBOT_CHAOS_SEED (default
below); every failure message starts with it, so `TUTORBOT_CHAOS_SEED=<seed> pytest tests/e2e/test_chaos.py`
replays the run.
"""

from __future__ import annotations

import logging
import os
import random
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy import select

from bot.clock import FrozenClock
from bot.discord.daily._steps import REVEAL_TITLE, day_label
from bot.knowledge.retriever import Retriever
from bot.quiz.item import QuizItem
from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle
from bot.settings import Settings
from bot.storage import DailyPost, Database
from bot.storage.models import DailyPostRow
from bot.storage.sql import to_record
from bot.tutor import Tutor
from tests.fake_discord import FakeDiscord
from tests.fake_discord.bot_runner import ErrorRecords
from tests.reliability.conftest import shared_answerer  # noqa: F401 - the fixture
from tests.storage.conftest import POSTGRES_URL, postgres_admin

from .chaos_run import POSTS, Chaos
from .chaos_world import build_servers, plan_faults

pytestmark = pytest.mark.e2e

SEED = int(os.environ.get("TUTORBOT_CHAOS_SEED", "15"))
DAYS, SERVERS, MEMBERS = 14, 20, 30
CLICKING_SERVERS = 3  # their members answer by clicking the post's buttons over the wire
START = datetime(2026, 3, 2, 0, 5, tzinfo=UTC)  # a Monday; New York moves to summer time on day 7
TICK = timedelta(minutes=40)  # the bot ticks every 30 s; a coarser tick keeps the run short
TAIL = timedelta(hours=8)  # without faults or answers, so the last days' reveals and give-ups settle
ANSWER_RATE = 0.02  # the chance that a member who has not answered an open post answers it at a tick
BLOCK_RATE = 0.05  # the chance that a server-day's channel refuses the bot (403) at post or reveal time
RESTARTS = 4


@pytest_asyncio.fixture(loop_scope="function")
async def chaos_database(tmp_path: Path) -> AsyncIterator[tuple[str, str | None, asyncpg.Connection | None]]:
    """(url, schema, admin connection): a fresh PostgreSQL schema when configured, else an SQLite file."""
    if not POSTGRES_URL:
        yield f"sqlite+aiosqlite:///{tmp_path}/chaos.db", None, None
        return
    schema = f"chaos_{uuid.uuid4().hex[:12]}"
    admin = await postgres_admin()
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
        yield POSTGRES_URL, schema, admin
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
    finally:
        await admin.close()


async def test_fourteen_days_of_faults_lose_and_double_nothing(
    fake: FakeDiscord,
    chaos_database: tuple[str, str | None, asyncpg.Connection | None],
    default_settings: Settings,
    default_retriever: Retriever,
    notes_prompts: list[QuizItem],
    default_bundle: NotesBundle,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started, cpu = time.monotonic(), time.process_time()
    url, schema, admin = chaos_database
    settings = default_settings.changed(storage={"database_url": url})
    rng = random.Random(SEED)
    clock = FrozenClock(START)
    end = START + timedelta(days=DAYS)
    servers = build_servers(fake, rng, SERVERS, MEMBERS, CLICKING_SERVERS)
    plan = plan_faults(rng, servers, START, end, int((end - START) / TICK), block_rate=BLOCK_RATE, restarts=RESTARTS)

    async def open_database() -> Database:
        return await Database.open(url, schema=schema, busy_timeout_ms=100)

    chaos = Chaos(
        fake,
        servers,
        plan,
        rng,
        clock,
        open_database,
        lambda db: Tutor(settings, NotesLibrary(default_bundle), db, clock),  # one bundle per session, not per start
        settings,
        monkeypatch,
        None if schema else url.removeprefix("sqlite+aiosqlite:///"),
        admin,
        ANSWER_RATE,
        TICK,
    )
    errors = ErrorRecords()
    logging.getLogger().addHandler(errors)
    try:
        with fake.patched_discord():
            try:
                found = await run(chaos, end)
            finally:
                await chaos.shutdown()
    except Exception as error:
        raise AssertionError(f"seed {SEED}: the chaos run stopped: {error!r}") from error
    finally:
        logging.getLogger().removeHandler(errors)
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    dialect = "sqlite" if schema is None else "postgresql"
    summary = (
        f"seed {SEED} ({dialect}, {seconds:.0f} s, {cpu:.0f} s of CPU): "
        f"faults met {dict(sorted(chaos.injected.items()))}; "
        f"blocked server-days {len(plan.blocks)}; answers told {dict(chaos.ledger.counts())}"
    )
    print(summary)
    assert not errors.records, f"{summary}\nthe bot logged errors:\n{errors.report()}"
    assert not found, f"{summary}\n" + "\n".join(found[:40])
    expected_kinds = {"429", "503", "403", "sigterm", "crash", "deleted post", "button click"}
    expected_kinds |= {f"lost commit ack ({table})" for table in ("daily_posts", "answers", "daily_problems")}
    expected_kinds.add("sqlite-lock" if schema is None else "pg-kill")
    met = {kind for kind, count in chaos.injected.items() if count}
    assert expected_kinds <= met, f"{summary}: these faults never met a request: {expected_kinds - met}"


async def run(chaos: Chaos, end: datetime) -> list[str]:
    """Configure every server, step through the days with faults and answers, then a quiet tail; what went wrong."""
    await chaos.start()
    for server in chaos.servers:
        await chaos.tutor.configure(
            server.manager,
            daily_channel_id=server.channel.id,
            post_time=server.post_time,
            time_zone=server.time_zone,
            reveal_delay_minutes=server.reveal_delay_minutes,
            daily_enabled=True,
        )
    number = 0
    while chaos.clock.now() < end + TAIL:
        during = chaos.clock.now() < end
        await chaos.step(number, faults=during, answers=during)
        chaos.clock.advance(TICK + timedelta(minutes=chaos.rng.randint(-8, 8)))
        number += 1
    await chaos.settle_unsure()
    found = daily_problems(chaos, await all_posts(chaos), START, end)
    return found + await chaos.ledger.problems(chaos.tutor.db)


async def all_posts(chaos: Chaos) -> list[DailyPost]:
    async with chaos.tutor.db.session() as session:
        return [to_record(row, DailyPost) for row in (await session.scalars(select(DailyPostRow))).all()]


def daily_problems(chaos: Chaos, posts: list[DailyPost], start: datetime, end: datetime) -> list[str]:
    """How the posts and reveals Discord received, and the owner's messages, differ from one post and one reveal
    per allowed server-day and one message per day given up (empty: they do not)."""
    sent: Counter[int] = Counter()
    revealed: Counter[tuple[int, str]] = Counter()
    for request in chaos.fake.requests.find("POST", POSTS, lambda r: r.status == 200):
        body = request.body()
        for button in body.buttons()[:1]:
            sent[int(button["custom_id"].split(":")[2])] += 1
        for embed in body.embeds:
            if embed.get("title") == REVEAL_TITLE:
                revealed[int(request.params["channel_id"]), embed["footer"]["text"]] += 1
    found = [f"post {post} sent {n} times" for post, n in sent.items() if n > 1]
    found += [f"reveal {label} in <#{channel}> sent {n} times" for (channel, label), n in revealed.items() if n > 1]
    by_day = {(post.guild_id, post.local_date): post for post in posts}
    blocked = {(block.server.id, block.day): block for block in chaos.plan.blocks}
    for server in chaos.servers:
        given_up = 0
        for day in server.days_posted_between(start, end):
            post = by_day.get((server.id, day))
            name = f"{server.guild.name} on {day}"
            if post is None:
                found.append(f"{name}: no post claimed")
                continue
            outcome = (sent[post.id], revealed[server.channel.id, day_label(post)], post.problem is not None)
            block = blocked.get((server.id, day))
            if block is None and outcome != (1, 1, False):
                found.append(f"{name}: (posts, reveals, given up) = {outcome}, wanted (1, 1, False)")
            if block is not None:
                given_up += 1
                told = [t for s, t in chaos.told_at if s is server and block.start <= t <= block.end]
                if outcome[1:] != (0, True) or not told:
                    found.append(f"{name} (refused {block.start:%H:%M}-{block.end:%H:%M} UTC): {outcome}, told {told}")
        told_all = [t for s, t in chaos.told_at if s is server]
        if len(told_all) != given_up:
            found.append(f"{server.guild.name}: owner told {len(told_all)} times for {given_up} days given up")
    return found
