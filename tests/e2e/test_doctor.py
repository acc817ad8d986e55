"""`tutorbot doctor` against the local fake Discord: a good set-up passes; each broken piece fails, named."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import discord
import pytest

from bot.cli._doctor import report
from bot.settings import Settings
from bot.storage import Database, GuildSettings, Repositories
from tests.fake_discord import FakeDiscord, FakeGuild
from tests.fake_discord.entities import EMBED_LINKS, SEND_MESSAGES

pytestmark = pytest.mark.e2e


async def doctor(fake: FakeDiscord, settings: Settings) -> tuple[bool, str]:
    """Run every check against the fake; (all passed, the lines shown)."""
    lines: list[str] = []
    with fake.patched_discord():
        healthy = await report(settings, lines.append)
    return healthy, "\n".join(lines)


@pytest.fixture
async def daily_on(built: Settings, fake: FakeDiscord, guild: FakeGuild) -> Settings:
    """The small notes' settings with the fake's token and the daily quiz switched on in #quiz."""
    settings = built.changed(discord={"token": fake.token})
    db = await Database.open(settings.database_url)
    quiz = guild.text_channels[1]
    await Repositories.over(db).settings.save(
        GuildSettings(guild.id, daily_channel_id=quiz.id, daily_enabled=True), datetime.now(UTC)
    )
    await db.close()
    return settings


async def test_a_good_set_up_passes_every_check(fake: FakeDiscord, guild: FakeGuild, daily_on: Settings) -> None:
    healthy, shown = await doctor(fake, daily_on)
    assert healthy, shown
    assert "✗" not in shown
    for expected in ("Discord accepted the token", "intents tutorbot uses", "tables are up to date",
                     "notes index is current", "#quiz in Study Hall: tutorbot can post"):  # fmt: skip
        assert expected in shown


async def test_a_missing_channel_permission_fails_naming_the_channel(
    fake: FakeDiscord, guild: FakeGuild, daily_on: Settings
) -> None:
    fake.set_permissions(guild.text_channels[1], guild.everyone, deny=SEND_MESSAGES | EMBED_LINKS)
    healthy, shown = await doctor(fake, daily_on)
    assert not healthy
    assert (
        "✗ #quiz in Study Hall: tutorbot cannot post the daily quiz there; it lacks Send Messages, Embed Links" in shown
    )


async def test_a_role_allowing_it_back_in_the_channel_passes(
    fake: FakeDiscord, guild: FakeGuild, daily_on: Settings
) -> None:
    quiz = guild.text_channels[1]
    role = fake.add_role(guild, "bots")
    guild.members[fake.bot_user.id].roles.append(role)
    fake.set_permissions(quiz, guild.everyone, deny=SEND_MESSAGES)
    fake.set_permissions(quiz, role, allow=SEND_MESSAGES)
    healthy, shown = await doctor(fake, daily_on)
    assert healthy, shown


async def test_a_refused_token_and_a_privileged_intent_off_fail(fake: FakeDiscord, daily_on: Settings) -> None:
    healthy, shown = await doctor(fake, daily_on.changed(discord={"token": "wrong"}))
    assert not healthy and "✗ Discord refused the token" in shown
    healthy, shown = await doctor(fake, daily_on.changed(discord={"members_intent": True}))
    assert not healthy and "✗ Discord refused the Server Members intent" in shown
    fake.enable_privileged_intents(discord.Intents(members=True))
    healthy, shown = await doctor(fake, daily_on.changed(discord={"members_intent": True}))
    assert healthy, shown


async def test_an_unreachable_database_and_a_stale_index_fail(
    fake: FakeDiscord, daily_on: Settings, tmp_path: Path
) -> None:
    (daily_on.paths.corpus_dir / "more.md").write_text("# More\n\nNew notes.", encoding="utf-8")
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    broken = daily_on.changed(storage={"database_url": f"sqlite+aiosqlite:///{tmp_path / 'a-file' / 'db.sqlite'}"})
    healthy, shown = await doctor(fake, broken)
    assert not healthy
    assert "✗ Cannot use the database" in shown and "✗ The notes changed since the index was built." in shown


async def test_the_fake_refuses_a_post_the_channel_forbids(fake: FakeDiscord, guild: FakeGuild) -> None:
    """The fake's own strictness: Discord answers 403 Missing Permissions (50013) when an overwrite denies it."""
    quiz = guild.text_channels[1]
    fake.set_permissions(quiz, guild.everyone, deny=SEND_MESSAGES)
    headers = {"Authorization": f"Bot {fake.token}"}
    async with aiohttp.ClientSession() as http:
        url = f"{fake.base_url}/api/v10/channels/{quiz.id}/messages"
        async with http.post(url, json={"content": "hi"}, headers=headers) as refused:
            assert (refused.status, (await refused.json())["code"]) == (403, 50013)
        general = f"{fake.base_url}/api/v10/channels/{guild.text_channels[0].id}/messages"
        async with http.post(general, json={"content": "hi"}, headers=headers) as posted:
            assert posted.status == 200
