"""Fixtures for end-to-end tests: a fresh FakeDiscord per test and a helper that runs a bot on it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any

import discord
import pytest
import pytest_asyncio

from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, running_bot
from tests.reliability.conftest import built, pristine_small_index  # noqa: F401
from tests.uploads.conftest import default_template  # noqa: F401

from .notes_fixtures import manager, member  # noqa: F401
from .tutor_fixtures import ana, boss, clock, launch, notes_prompts, open_tutor, statements_bot, tutorbot  # noqa: F401

StartBot = Callable[..., Awaitable[BotRunner]]


@pytest_asyncio.fixture(loop_scope="function")
async def fake() -> AsyncIterator[FakeDiscord]:
    """A running fake Discord on a free port of 127.0.0.1."""
    server = FakeDiscord()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def guild(fake: FakeDiscord) -> FakeGuild:
    """A guild with #general and #quiz (created before any bot connects)."""
    return fake.add_guild("Study Hall", channels=("general", "quiz"))


@pytest_asyncio.fixture(loop_scope="function")
async def start_bot(fake: FakeDiscord) -> AsyncIterator[StartBot]:
    """`runner = await start_bot(bot, sync=True, allow_errors=False)`: runs bot on the fake until the test ends
    (or runner.stop()), then fails the test if the bot logged any ERROR record."""
    async with AsyncExitStack() as stack:

        async def start(bot: discord.Client, **options: Any) -> BotRunner:
            return await stack.enter_async_context(running_bot(fake, bot, **options))

        yield start
