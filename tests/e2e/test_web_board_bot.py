"""The web leaderboard served by the bot process: /leaderboard gives a signed link that opens the board, a
manager's /config public_board makes the bare address work; without a web address /leaderboard gives no link."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import aiohttp
import pytest

from bot.clock import FrozenClock
from bot.discord.client import TutorBot
from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle
from bot.service.types import Who
from bot.settings import Settings
from bot.storage import Database
from bot.tutor import Tutor
from tests.e2e.conftest import StartBot
from tests.fake_discord import FakeDiscord, FakeGuild, FakeMember

pytestmark = pytest.mark.asyncio(loop_scope="function")
LINK = re.compile(r"<(http://127\.0\.0\.1:\d+/board/\d+[^>]*)>")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def test_leaderboard_links_open_the_board_served_by_the_bot(
    fake: FakeDiscord,
    guild: FakeGuild,
    ana: FakeMember,
    boss: FakeMember,
    start_bot: StartBot,
    tmp_path: Path,
    default_settings: Settings,
    default_bundle: NotesBundle,
    clock: FrozenClock,
) -> None:
    port = free_port()
    settings = default_settings.changed(
        paths={"root": tmp_path},
        storage={"database_url": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"},
        web={"url": f"http://127.0.0.1:{port}", "in_bot": True, "port": port},
    )
    tutor = Tutor(settings, NotesLibrary(default_bundle), await Database.open(settings.database_url), clock)
    prompt = next(iter(tutor.notes.default.prompts.values()))
    await tutor.answer(Who(guild.id, ana.user.id, "ana"), prompt.id, prompt.answer)
    await start_bot(TutorBot(settings.changed(discord={"loop_seconds": 3600}), tutor=tutor, guild_ready_timeout=0.05))
    try:
        (shown,) = await (await fake.slash(ana, "leaderboard")).wait_followups()
        (signed,) = LINK.findall(shown.content or "")
        assert "key=" in signed
        status, html = await get(signed)
        assert status == 200 and "ana" in html and "Study Hall" in html
        bare = signed.split("?")[0]
        assert (await get(bare))[0] == 403
        await (await fake.slash(boss, "config", public_board=True)).wait_response()
        (shown,) = await (await fake.slash(ana, "leaderboard")).wait_followups()
        assert LINK.findall(shown.content or "") == [bare]
        assert (await get(bare))[0] == 200
    finally:
        await tutor.close()


async def test_no_link_without_a_web_address(fake: FakeDiscord, ana: FakeMember, tutorbot: object) -> None:
    (shown,) = await (await fake.slash(ana, "leaderboard")).wait_followups()
    assert "http" not in (shown.content or "")
