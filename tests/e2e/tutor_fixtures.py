"""Fixtures for the real tutorbot over the fake Discord: one index for the session, a fresh database per test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio

from bot.clock import FrozenClock
from bot.discord.client import TutorBot
from bot.knowledge.retriever import Retriever
from bot.quiz.item import QuizItem, load_prompts
from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle
from bot.settings import Settings
from bot.storage import Database
from bot.tutor import Tutor
from tests.conftest import with_prompts
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday, before the default 09:00 daily post
OpenTutor = Callable[..., Awaitable[Tutor]]
LaunchBot = Callable[[], Awaitable[BotRunner]]
StartBot = Callable[..., Awaitable[BotRunner]]


@pytest.fixture(scope="session")
def notes_prompts(default_retriever: Retriever, default_settings: Settings) -> list[QuizItem]:
    return load_prompts(Path(default_retriever.index.path) / "prompts.jsonl")


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest_asyncio.fixture(loop_scope="function")
async def open_tutor(
    tmp_path: Path,
    default_settings: Settings,
    default_bundle: NotesBundle,
    clock: FrozenClock,
) -> AsyncIterator[OpenTutor]:
    """`await open_tutor()`: a Tutor over the session index and this test's database (same file each call);
    `open_tutor(prompts)` gives it only those quiz prompts."""
    settings = default_settings.changed(storage={"database_url": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"})
    opened: list[Tutor] = []

    async def open_one(prompts: list[QuizItem] | None = None) -> Tutor:
        db = await Database.open(settings.database_url)
        notes = default_bundle if prompts is None else with_prompts(default_bundle, prompts)
        opened.append(Tutor(settings, NotesLibrary(notes), db, clock))
        return opened[-1]

    yield open_one
    for tutor in opened:
        await tutor.close()


@pytest_asyncio.fixture(loop_scope="function")
async def launch(start_bot: StartBot, open_tutor: OpenTutor, default_settings: Settings) -> LaunchBot:
    """`await launch()`: start a TutorBot (a new Tutor on the test's database each time)."""

    async def launch_one() -> BotRunner:
        bot = TutorBot(
            default_settings.changed(discord={"loop_seconds": 3600}), tutor=await open_tutor(), guild_ready_timeout=0.05
        )
        return await start_bot(bot)

    return launch_one


@pytest_asyncio.fixture(loop_scope="function")
async def statements_bot(
    start_bot: StartBot,
    open_tutor: OpenTutor,
    default_settings: Settings,
    notes_prompts: list[QuizItem],
    ana: FakeMember,
    boss: FakeMember,
) -> BotRunner:
    """A running TutorBot whose quiz holds only the notes' true/false statements (so any question is one)."""
    tutor = await open_tutor([p for p in notes_prompts if p.kind == "true_false"])
    return await start_bot(
        TutorBot(default_settings.changed(discord={"loop_seconds": 3600}), tutor=tutor, guild_ready_timeout=0.05)
    )


@pytest.fixture
def ana(fake: FakeDiscord, guild: FakeGuild) -> FakeMember:
    return fake.add_member(guild, "ana")


@pytest.fixture
def boss(fake: FakeDiscord, guild: FakeGuild) -> FakeMember:
    return fake.add_member(guild, "mia", manage_guild=True)


@pytest_asyncio.fixture(loop_scope="function")
async def tutorbot(launch: LaunchBot, ana: FakeMember, boss: FakeMember) -> BotRunner:
    """A running TutorBot (members ana and the manager mia exist)."""
    return await launch()
