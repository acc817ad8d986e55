"""A server's uploaded notes answer its members over the fake Discord, with citations into the uploaded file;
another server never sees them, and once the file is removed its passages are gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.discord.client import TutorBot
from bot.indexing import open_build
from bot.knowledge.embedder import Embedder
from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle, NotesSource
from bot.settings import Settings
from bot.storage import Database
from bot.tutor import Tutor
from bot.uploads.builds import InlineBuilder
from bot.uploads.service import ServerNotes
from tests.conftest import private_copy
from tests.e2e.conftest import StartBot
from tests.fake_discord import FakeDiscord, FakeGuild
from tests.fake_discord.messages import UploadedFile
from tests.uploads.conftest import TIDES_PDF

pytestmark = pytest.mark.e2e

BUILD_TIMEOUT = 600.0
QUESTION = "When do neap tides come?"


async def test_a_servers_upload_answers_its_members_and_no_one_else(
    fake: FakeDiscord,
    guild: FakeGuild,
    start_bot: StartBot,
    default_bundle: NotesBundle,
    default_settings: Settings,
    default_template: Path,
    tmp_path: Path,
    embedder: Embedder,
    clock: FrozenClock,
) -> None:
    other = fake.add_guild("Other Hall", channels=("general",))
    manager = fake.add_member(guild, "boss", manage_guild=True)
    member = fake.add_member(guild, "ana")
    stranger = fake.add_member(other, "zed")

    def load(source: NotesSource) -> NotesBundle:
        retriever, prompts = open_build(source.folder, embedder)
        return NotesBundle(retriever, prompts, source.profile, source.build_id)

    db = await Database.open(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    tutor = Tutor(default_settings, NotesLibrary(default_bundle, load), db, clock)
    notes = ServerNotes(tutor.repos.notes, private_copy(default_template, tmp_path), InlineBuilder(embedder), clock)
    await start_bot(
        TutorBot(default_settings, tutor=tutor, daily_interval=3600, guild_ready_timeout=0.05, server_notes=notes)
    )
    added = await fake.slash(manager, "notes add", file=UploadedFile("file", "tides.pdf", "application/pdf", TIDES_PDF))
    await added.wait_until(lambda: bool(added.original and added.original.embeds), "result", BUILD_TIMEOUT)

    asked = await fake.slash(member, "ask", question=QUESTION)
    (reply,) = await asked.wait_followups(timeout=120)
    sources = next(f["value"] for f in reply.embeds[0]["fields"] if f["name"] == "Sources")
    assert "tides.pdf › Tides › Neap tides, p. 3" in sources

    elsewhere = await fake.slash(stranger, "ask", question=QUESTION)
    (theirs,) = await elsewhere.wait_followups(timeout=120)
    assert theirs.embeds and "tides.pdf" not in str(theirs.embeds)

    removed = await fake.slash(manager, "notes remove", name="tides.pdf")
    (done,) = await removed.wait_followups(timeout=BUILD_TIMEOUT)
    assert done.content.startswith("Removed tides.pdf")
    again = await fake.slash(member, "ask", question=QUESTION)
    (after,) = await again.wait_followups(timeout=120)
    assert after.embeds and "tides.pdf" not in str(after.embeds)  # its passages left with the file
    await tutor.close()
