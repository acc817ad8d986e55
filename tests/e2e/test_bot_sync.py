"""`tutorbot run` syncs the slash commands itself, and only when they changed since its last sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.discord.client import TutorBot
from bot.settings import Settings
from tests.e2e.conftest import StartBot
from tests.e2e.tutor_fixtures import OpenTutor
from tests.fake_discord.fake import FakeDiscord

pytestmark = pytest.mark.e2e

BULK_OVERWRITE = "/applications/{application_id}/commands"


async def test_commands_are_synced_once_until_they_change(
    fake: FakeDiscord, start_bot: StartBot, open_tutor: OpenTutor, default_settings: Settings, tmp_path: Path
) -> None:
    settings = default_settings.changed(paths={"root": tmp_path})

    async def run_once() -> None:
        bot = TutorBot(settings, tutor=await open_tutor(), guild_ready_timeout=0.05, sync_commands=True)
        runner = await start_bot(bot, sync=False)
        await runner.stop()

    await run_once()
    assert len(fake.requests.find("PUT", BULK_OVERWRITE)) == 1
    assert {c["name"] for c in fake.store.global_commands} >= {"ask", "quiz", "check", "config"}
    await run_once()
    assert len(fake.requests.find("PUT", BULK_OVERWRITE)) == 1
    (tmp_path / "data" / "synced-commands.sha256").write_text("an older command set\n")
    await run_once()
    assert len(fake.requests.find("PUT", BULK_OVERWRITE)) == 2
