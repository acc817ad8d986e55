"""The fake Discord carries a real discord.py bot end to end: login, commands, components, faults."""

from __future__ import annotations

import pytest

from tests.fake_discord import FakeDiscord, FakeGuild

from .conftest import StartBot
from .demo_bot import DemoBot

pytestmark = pytest.mark.e2e


async def test_login_ready_and_command_sync(fake: FakeDiscord, guild: FakeGuild, start_bot: StartBot) -> None:
    member = fake.add_member(guild, "ana")
    runner = await start_bot(DemoBot())
    bot = runner.bot
    assert bot.user is not None and bot.user.id == fake.bot_user.id
    seen = bot.get_guild(guild.id)
    assert seen is not None and {c.name for c in seen.text_channels} == {"general", "quiz"}
    assert fake.requests.find("GET", "/users/@me") and fake.requests.find("GET", "/oauth2/applications/@me")
    assert {c["name"] for c in fake.store.global_commands} == {"ask", "quiz", "feedback", "announce", "admin"}
    assert fake.gateway.identifies == 1
    assert member.id in guild.members
