"""The chaos run: tutorbot processes over the fake Discord and one database, driven tick by tick on the injected
clock, while a seeded random source injects faults and members answer.

Time is the FrozenClock's: the daily tick is called directly (the bot's own loop is set an hour apart, so it
ticks only when a process starts), and members answer one at a time between ticks, so the fake's real 3-second
interaction deadline is never at risk on a loaded machine. Most answers go through the service; the members of
a few servers click the post's buttons over the wire.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

import asyncpg
import pytest
from sqlalchemy import select

from bot.clock import FrozenClock
from bot.discord.client import TutorBot
from bot.discord.daily import DailyCog
from bot.discord.running import serve
from bot.errors import NotAllowed, NotFound, StorageUnavailable
from bot.quiz.item import QuizItem
from bot.service.daily import prompt_from_snapshot
from bot.settings import Settings
from bot.storage import DailyPost, Database
from bot.storage.answers import daily_key, round_key
from bot.storage.models import DailyPostRow
from bot.storage.sql import to_record
from bot.tutor import Tutor
from tests.fake_discord import BotRunner, FakeDiscord, FakeMember
from tests.fake_discord.bot_runner import wait_ready
from tests.fake_discord.faults import Fault
from tests.storage.faults import BackendKiller, commit_ack_lost, exclusive_lock, release_lock

from .chaos_ledger import Attempt, Ledger, Told
from .chaos_world import Plan, Server

POSTS = "/channels/{channel_id}/messages"
POINTS = re.compile(r"\(\+(\d+) points?\)")
DISCORD_FAULTS = ("429", "503", "403", "500")  # 500: discord.py retries it after a real second, so rarely
MAX_SLOW_RETRIES = 2  # 500s in a run (each costs a second of real time)


@dataclass
class Process:
    """One tutorbot process: its database handle, service, bot and the `serve` task that runs it."""

    db: Database
    tutor: Tutor
    runner: BotRunner
    killer: BackendKiller | None  # on PostgreSQL: kills this process's connections

    @property
    def cog(self) -> DailyCog:
        return cast(DailyCog, self.runner.bot.get_cog("Daily"))


@dataclass
class Chaos:
    """Drives the run; `injected` counts the faults that actually met a request or a transaction."""

    fake: FakeDiscord
    servers: list[Server]
    plan: Plan
    rng: random.Random
    clock: FrozenClock
    open_database: Callable[[], Awaitable[Database]]
    make_tutor: Callable[[Database], Tutor]
    settings: Settings
    monkeypatch: pytest.MonkeyPatch
    sqlite_path: str | None
    admin: asyncpg.Connection | None
    answer_rate: float
    tick_length: timedelta
    ledger: Ledger = field(default_factory=Ledger)
    injected: Counter[str] = field(default_factory=Counter)
    told_at: list[tuple[Server, datetime]] = field(default_factory=list)  # the owner's DMs, by simulated time
    process: Process | None = None
    _unsure: dict[str, Callable[[], Awaitable[None]]] = field(default_factory=dict)  # retries by answer key
    _refused_today: set[tuple[int, object]] = field(default_factory=set)
    _denied: set[int] = field(default_factory=set)
    _deleted: set[int] = field(default_factory=set)
    _dms_seen: int = 0

    # -- processes -------------------------------------------------------------------------------------------
    async def start(self) -> None:
        db = await self.open_database()
        tutor = self.make_tutor(db)
        bot = TutorBot(self.settings.changed(discord={"loop_seconds": 3600}), tutor=tutor, guild_ready_timeout=0.2)
        runner = BotRunner(bot, asyncio.create_task(serve(bot, self.fake.token)), None)  # type: ignore[arg-type]
        await wait_ready(runner, 10)
        self.process = Process(db, tutor, runner, None if self.admin is None else BackendKiller(db, self.admin))

    async def stop(self, how: str) -> None:
        """Stop the process in the middle of a tick, while a daily post is on its way: SIGTERM (graceful) or a
        crash (the tick is cut short, nothing in memory survives)."""
        assert self.process is not None
        slow = self.fake.fail_next("POST", POSTS, status=None, delay=0.2)
        ticking = asyncio.ensure_future(self.process.cog.tick())
        applied = asyncio.ensure_future(slow.applied.wait())
        await asyncio.wait({ticking, applied}, return_when=asyncio.FIRST_COMPLETED)
        applied.cancel()
        self.injected[how] += 1
        if how == "sigterm":
            os.kill(os.getpid(), signal.SIGTERM)
            await asyncio.wait_for(self.process.runner.task, 20)
            await ticking
        else:
            ticking.cancel()
            with suppress(asyncio.CancelledError):
                await ticking
            await self.process.runner.stop()
        self.fake.faults.pending.clear()
        await self.process.tutor.close()
        self.process = None

    async def shutdown(self) -> None:
        if self.process is not None:
            await self.process.runner.stop()
            await self.process.tutor.close()
            self.process = None

    @property
    def tutor(self) -> Tutor:
        assert self.process is not None
        return self.process.tutor

    # -- one step of simulated time --------------------------------------------------------------------------
    async def step(self, number: int, faults: bool, answers: bool) -> None:
        """Apply the plan's channel refusals, tick (or restart), then let members answer."""
        self._apply_blocks(self.clock.now())
        if faults and number in self.plan.restarts:
            await self.stop(self.plan.restarts[number])
            self.clock.advance(timedelta(minutes=20) * self.rng.randint(0, 2))  # down for a while
            await self.start()
        await self._with_faults(faults, self._tick)
        self._observe_dms()
        if answers:
            posts = await self.open_posts()
            await self._with_faults(faults and self.rng.random() < 0.5, lambda: self._answers(posts))
            await self._maybe_quiz_round(faults)

    async def _tick(self) -> None:
        assert self.process is not None
        await self.process.cog.tick()

    def _apply_blocks(self, now: datetime) -> None:
        for server in self.servers:
            denied = self.plan.denied(server, now)
            if denied != (server.id in self._denied):
                self.fake.deny_bot(server.channel, denied)
                self._denied.symmetric_difference_update({server.id})

    def _observe_dms(self) -> None:
        dms = self.fake.messages_in(self.fake.dm_channel(self.fake.store.owner))
        for message in dms[self._dms_seen :]:
            server = next(s for s in self.servers if f"**{s.guild.name}**" in (message.content or ""))
            self.told_at.append((server, self.clock.now()))
        self._dms_seen = len(dms)

    # -- faults ----------------------------------------------------------------------------------------------
    async def _with_faults(self, faults: bool, work: Callable[[], Awaitable[None]]) -> None:
        """Run `work` (a tick or members answering) with whatever faults this step draws."""
        if not faults:
            await work()
            return
        async with AsyncExitStack() as stack:
            discord_faults = [await self._discord_fault()] if self.rng.random() < 0.35 else []
            if self._denied and self.rng.random() < 0.35:  # a day may be given up now: its problem is recorded
                stack.enter_context(self._lost_ack("daily_problems"))
            elif self.rng.random() < 0.2:
                await stack.enter_async_context(self._database_fault())
            await work()
            for kind, fault in discord_faults:
                if fault is not None and fault.applied.is_set():
                    self.injected[kind] += 1
            self.fake.faults.pending.clear()

    async def _discord_fault(self) -> tuple[str, Fault | None]:
        """A 429, 5xx or 403 on the daily channel of a server with a step due now (at most one refusal a day each,
        so no server gives a day up for transient faults alone)."""
        now = self.clock.now()
        candidates = [s for s in self.servers if s.step_due_around(now, self.tick_length)]
        if not candidates:
            return "none", None
        server = self.rng.choice(candidates)
        kind = self.rng.choices(DISCORD_FAULTS, weights=(4, 3, 2, 1))[0]
        today = (server.id, self.clock.now().date())
        if kind in ("503", "403") and today in self._refused_today:
            kind = "429"
        if kind == "500" and self.injected["500"] >= MAX_SLOW_RETRIES:
            kind = "429"
        if kind in ("503", "403"):
            self._refused_today.add(today)
        path = f"/channels/{server.channel.id}/messages"
        return kind, self.fake.fail_next("POST", path, status=int(kind), retry_after=0.05)

    @asynccontextmanager
    async def _database_fault(self) -> AsyncIterator[None]:
        assert self.process is not None
        kind = self.rng.choice(("daily_posts", "answers", "sqlite-lock" if self.sqlite_path else "pg-kill"))
        if kind in ("daily_posts", "answers"):
            with self._lost_ack(kind):
                yield
        elif kind == "sqlite-lock":
            assert self.sqlite_path is not None
            with exclusive_lock(self.sqlite_path) as holder:
                release = asyncio.get_running_loop().call_later(self.rng.uniform(0.05, 0.25), release_lock, holder)
                self.injected[kind] += 1
                try:
                    yield
                finally:
                    release.cancel()
        else:
            killer = self.process.killer
            assert killer is not None
            before = killer.killed
            await killer.kill_all()  # idle connections (the pool notices before use)...
            later = asyncio.ensure_future(self._kill_soon(killer))  # ...and busy ones
            yield
            await later
            self.injected[kind] += killer.killed - before

    @contextmanager
    def _lost_ack(self, table: str) -> Iterator[None]:
        """The next COMMIT that wrote into `table` is carried out but its acknowledgement lost."""
        assert self.process is not None
        with commit_ack_lost(self.process.db, self.monkeypatch, table, verbs=("INSERT INTO", "UPDATE")) as lost:
            yield
        self.injected[f"lost commit ack ({table})"] += len(lost)

    async def _kill_soon(self, killer: BackendKiller) -> None:
        await asyncio.sleep(self.rng.uniform(0, 0.03))
        await killer.kill_all()

    # -- members ---------------------------------------------------------------------------------------------
    async def open_posts(self) -> list[DailyPost]:
        async with self.tutor.db.session() as session:
            query = select(DailyPostRow).where(
                DailyPostRow.state == "posted", DailyPostRow.message_id.is_not(None), DailyPostRow.problem.is_(None)
            )
            return [to_record(row, DailyPost) for row in (await session.scalars(query)).all()]

    async def _answers(self, posts: list[DailyPost]) -> None:
        """Members still unsure try again; others answer the open `posts` at random, a few twice."""
        for retry in list(self._unsure.values()):
            await retry()
        by_id = {s.id: s for s in self.servers}
        for post in posts:
            server = by_id[post.guild_id]
            if post.message_id not in self._deleted and self.rng.random() < 0.03:
                await self.fake.delete_message(self.fake.message(cast(int, post.message_id)))
                self._deleted.add(cast(int, post.message_id))
                self.injected["deleted post"] += 1
            prompt = prompt_from_snapshot(cast(str, post.prompt_json))
            for member in server.members:
                key = daily_key(post.id, member.id)
                if self.ledger.settled(key):
                    if self.rng.random() < 0.01:  # a second click, or a client's retry
                        await self.answer_daily(server, member, post, prompt)
                elif key not in self._unsure and self.rng.random() < self.answer_rate:
                    await self.answer_daily(server, member, post, prompt)

    async def answer_daily(self, server: Server, member: FakeMember, post: DailyPost, prompt: QuizItem) -> None:
        response = self._response(prompt)
        message = self.fake.store.messages.get(cast(int, post.message_id))
        if server.clicks and prompt.choices and message is not None and message.buttons():
            await self._click(server, member, post, message.buttons()[prompt.choices.index(response)]["custom_id"])
        else:
            await self._answer_by_service(server, member, post, response, uuid.uuid4().hex)

    async def _answer_by_service(
        self, server: Server, member: FakeMember, post: DailyPost, response: str, request_id: str
    ) -> None:
        key = daily_key(post.id, member.id)
        self._unsure.pop(key, None)
        try:
            graded = await self.tutor.answer_daily(server.who(member), post.id, response, request_id)
        except NotAllowed:
            told, points = Told.REFUSED, None
        except StorageUnavailable:
            told, points = Told.UNSURE, None
            self._unsure[key] = lambda: self._answer_by_service(server, member, post, response, request_id)
        else:
            told, points = Told.VERDICT, graded.points
        self.ledger.add(Attempt(server.id, member.id, key, request_id, told, points))

    async def _click(self, server: Server, member: FakeMember, post: DailyPost, custom_id: str) -> None:
        message = self.fake.message(cast(int, post.message_id))
        record = await self.fake.click(member, message, custom_id)
        reply: Any = await record.wait_response()
        if reply.type == 5:  # deferred: the verdict follows
            (reply,) = await record.wait_followups()
        self.injected["button click"] += 1
        key = daily_key(post.id, member.id)
        title = reply.embeds[0]["title"] if reply.embeds else ""
        text = reply.content or ""
        self._unsure.pop(key, None)
        if title.startswith(("Correct!", "Not quite.")):
            points = int(match[1]) if (match := POINTS.search(title)) else 0
            told = Told.VERDICT
        elif "already answered" in text or "closed" in text:
            told, points = Told.REFUSED, None
        elif "try again" in text:
            told, points = Told.UNSURE, None
            self._unsure[key] = lambda: self._click_again(server, member, post)
        else:
            raise AssertionError(f"unexpected reply to a daily answer: {title or text!r}")
        self.ledger.add(Attempt(server.id, member.id, key, str(record.id), told, points))

    async def _click_again(self, server: Server, member: FakeMember, post: DailyPost) -> None:
        prompt = prompt_from_snapshot(cast(str, post.prompt_json))
        await self.answer_daily(server, member, post, prompt)

    def _response(self, prompt: QuizItem) -> str:
        """The right answer (60%), else a wrong one of the kind the prompt takes."""
        if self.rng.random() < 0.6:
            return prompt.answer
        if prompt.choices:
            return self.rng.choice([c for c in prompt.choices if c != prompt.answer] or list(prompt.choices))
        if prompt.kind == "true_false":
            return "false" if prompt.answer.lower() == "true" else "true"
        return "not the answer"

    async def _maybe_quiz_round(self, faults: bool) -> None:
        """Now and then a member runs a short quiz round through the service (answers keyed by round and question)."""
        if self.rng.random() >= 0.05:
            return
        server = self.rng.choice(self.servers)
        member = self.rng.choice(server.members)
        quiz = await self.tutor.start_quiz(server.who(member), length=3)
        for prompt in quiz.prompts:
            answer = self._quiz_answer(server, member, quiz.round_id, prompt, uuid.uuid4().hex)
            for _ in range(2):  # the member's client retries once with the same request after "busy"
                await self._with_faults(faults and self.rng.random() < 0.3, answer)
                if self.ledger.settled(round_key(quiz.round_id, prompt.id)):
                    break

    def _quiz_answer(
        self, server: Server, member: FakeMember, round_id: str, prompt: QuizItem, request_id: str
    ) -> Callable[[], Awaitable[None]]:
        key = round_key(round_id, prompt.id)
        response = self._response(prompt)

        async def answer() -> None:
            try:
                graded = await self.tutor.answer(server.who(member), prompt.id, response, round_id, request_id)
            except (NotAllowed, NotFound):
                told, points = Told.REFUSED, None
            except StorageUnavailable:
                told, points = Told.UNSURE, None
            else:
                told, points = Told.VERDICT, graded.points
            self.ledger.add(Attempt(server.id, member.id, key, request_id, told, points))

        return answer

    async def settle_unsure(self) -> None:
        """After the faults: every member still unsure tries once more (the answer then counts or is refused)."""
        for retry in list(self._unsure.values()):
            await retry()
