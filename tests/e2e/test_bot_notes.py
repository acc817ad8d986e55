"""`/notes` over the fake Discord: managers upload attachments, see progress and a result per file; refusals of
every kind are specific and escaped; list, download, removal and the default switch."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.clock import FrozenClock
from bot.discord.client import TutorBot
from bot.errors import BuildCrashed
from bot.knowledge.embedder import Embedder
from bot.knowledge.intake import UploadLimits
from bot.settings import Settings
from bot.uploads.builds import BUILD_CRASHED, Builder, BuildJob, BuildResult, InlineBuilder, ReadFile
from bot.uploads.retry import BuildRetry
from bot.uploads.service import ServerNotes
from tests.conftest import private_copy
from tests.e2e.conftest import StartBot
from tests.e2e.tutor_fixtures import OpenTutor
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember, InteractionRecord
from tests.fake_discord.interactions import ATTACHMENT_SIZE_LIMIT
from tests.fake_discord.messages import UploadedFile
from tests.upload_files import encrypted_pdf_bytes, scanned_pdf_bytes, zip_bomb_docx
from tests.uploads.conftest import CELLS_DOCX, TIDES_PDF

pytestmark = pytest.mark.e2e

BUILD_TIMEOUT = 600.0  # a build of small notes under a loaded machine


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> UploadedFile:
    return UploadedFile("file", name, content_type, data)


class CrashableBuilder:
    """The in-process builder, whose next `crashes` builds fail as a killed build worker's do."""

    def __init__(self, inner: Builder) -> None:
        self.inner = inner
        self.crashes = 0

    async def read(self, name: str, data: bytes, limits: UploadLimits) -> ReadFile:
        return await self.inner.read(name, data, limits)

    async def build(self, job: BuildJob) -> BuildResult:
        if self.crashes > 0:
            self.crashes -= 1
            raise BuildCrashed(BUILD_CRASHED)
        return await self.inner.build(job)


@pytest.fixture
def builder(embedder: Embedder) -> CrashableBuilder:
    return CrashableBuilder(InlineBuilder(embedder))


@pytest_asyncio.fixture(loop_scope="function")
async def notes_bot(
    start_bot: StartBot,
    open_tutor: OpenTutor,
    default_settings: Settings,
    notes_settings: Settings,
    builder: CrashableBuilder,
    clock: FrozenClock,
) -> AsyncIterator[BotRunner]:
    """A running TutorBot whose servers' notes are built in this process into `notes_settings`' index folder (a
    crashed build tried twice more at once); second stages still under way finish before the database closes."""
    tutor = await open_tutor()
    server_notes = ServerNotes(tutor.repos.notes, notes_settings, builder, clock, retry=BuildRetry((0.0, 0.0)))
    bot = TutorBot(
        default_settings.changed(discord={"loop_seconds": 3600}),
        tutor=tutor,
        guild_ready_timeout=0.05,
        server_notes=server_notes,
    )
    yield await start_bot(bot)
    await server_notes.settled()


@pytest.fixture
def notes_settings(default_template: Path, tmp_path: Path) -> Settings:
    """Small default notes for the servers' builds (their own index folder), so each build takes seconds."""
    return private_copy(default_template, tmp_path)


async def result_of(record: InteractionRecord) -> dict:
    """The embed the deferred /notes add ends with (after its progress lines)."""
    await record.wait_until(lambda: bool(record.original and record.original.embeds), "result", BUILD_TIMEOUT)
    assert record.original is not None
    return record.original.embeds[0]


async def test_a_manager_uploads_notes_and_lists_downloads_and_removes_them(
    fake: FakeDiscord,
    manager: FakeMember,
    member: FakeMember,
    notes_bot: BotRunner,
) -> None:
    added = await fake.slash(
        manager,
        "notes add",
        file=upload("tides.pdf", TIDES_PDF, "application/pdf"),
        file2=upload("cells.docx", CELLS_DOCX),
    )
    assert (await added.wait_response()).ephemeral
    embed = await result_of(added)
    assert embed["title"] == "Notes added: 2 files"
    assert [f["name"] for f in embed["fields"]] == ["tides.pdf", "cells.docx"]
    assert all("passage" in f["value"] for f in embed["fields"])
    assert added.original is not None and added.original.edits >= 3  # downloading, reading…, building…

    listed = await fake.slash(member, "notes list")
    text = (await listed.wait_response()).embeds[0]["description"]
    assert "**tides.pdf** · " in text and "3 pages" in text and f"by <@{manager.user.id}>" in text

    downloaded = await fake.slash(manager, "notes download", name="tides.pdf")
    response = await downloaded.wait_response()
    assert response.ephemeral
    sent = response.files
    assert [(f.filename, f.data) for f in sent] == [("tides.pdf", TIDES_PDF)]

    removed = await fake.slash(manager, "notes remove", name="tides.pdf")
    (reply,) = await removed.wait_followups(timeout=BUILD_TIMEOUT)
    assert "Removed tides.pdf" in (reply.content or "")
    listed = await fake.slash(member, "notes list")
    assert "tides.pdf" not in (await listed.wait_response()).embeds[0]["description"]


async def test_members_without_manage_server_cannot_change_the_notes(
    fake: FakeDiscord,
    member: FakeMember,
    notes_bot: BotRunner,
) -> None:
    for command, options in (
        ("notes add", {"file": upload("cells.docx", CELLS_DOCX)}),
        ("notes remove", {"name": "cells.docx"}),
        ("notes default", {"state": "off"}),
        ("notes download", {"name": "cells.docx"}),
    ):
        record = await fake.slash(member, command, **options)
        response = await record.wait_response()
        assert response.ephemeral and "Manage Server" in (response.content or ""), command


REFUSED = [  # (file name, bytes, what the reply says): one of each kind a file's own bytes or name earn
    ("notes.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64), "named as a PDF, but it is really a PNG image"),
    ("locked.pdf", encrypted_pdf_bytes(), "locked.pdf is encrypted"),
    ("bomb.docx", zip_bomb_docx(), "bomb.docx would unpack to"),
    ("binary.txt", bytes(range(256)) * 8, "binary.txt is not text"),
    ("scan.pdf", scanned_pdf_bytes(), "scan.pdf has no text to study"),
    ("empty.md", b"", "empty.md is empty"),
    ("broken.pdf", b"%PDF-1.7\n" + b"x" * 300, "broken.pdf could not be read as a PDF"),
    ("broken.docx", b"PK\x03\x04" + bytes(100), "broken.docx is a damaged Word file"),
    ("slides.pptx", b"PK\x03\x04", "slides.pptx is a slide deck: export it as .pdf"),
    ("...", b"notes", "is not a usable file name"),
    ("**bold**.md", b"\x00\x01\x02", "\\*\\*bold\\*\\*.md is not text"),  # names are escaped
]
TIGHT = UploadLimits(file_bytes=20_000, pages=2, text_chars=2_000, files_per_server=1)


async def refusal_of(fake: FakeDiscord, manager: FakeMember, file: UploadedFile) -> str:
    """What /notes add says when it refuses the file: at once (checked before downloading) or in its result."""
    record = await fake.slash(manager, "notes add", file=file)
    response = await record.wait_response()
    if response.content:  # refused before any download (kind, name or size)
        return response.content
    embed = await result_of(record)
    assert embed["title"] == "No notes were added", file.filename
    return str(embed["fields"][0]["value"])


async def test_each_kind_of_refusal_is_specific(
    fake: FakeDiscord, guild: FakeGuild, manager: FakeMember, notes_bot: BotRunner
) -> None:
    for name, data, says in REFUSED:
        assert says in await refusal_of(fake, manager, upload(name, data)), name
    assert (await notes_bot.bot.server_notes.listing(guild.id)).files == []  # nothing of them was kept


async def test_each_limit_refuses_with_the_figures(
    fake: FakeDiscord, manager: FakeMember, notes_bot: BotRunner
) -> None:
    notes_bot.bot.server_notes.limits = TIGHT
    for name, data, says in (
        ("cells.docx", CELLS_DOCX, "cells.docx is 35.9 KB; a notes file may be at most 19.5 KB"),
        ("tides.pdf", TIDES_PDF, "tides.pdf has 3 pages; a PDF may have at most 2"),
        ("long.md", b"word " * 1_000, "long.md holds 5,000 characters of text; a notes file may hold at most 2,000"),
    ):
        assert says in await refusal_of(fake, manager, upload(name, data)), name
    kept = await fake.slash(manager, "notes add", file=upload("one.md", b"# One\n\nThe first file fits.\n"))
    assert (await result_of(kept))["title"] == "Notes added: 1 file"
    full = await refusal_of(fake, manager, upload("two.md", b"# Two\n\nThe second does not.\n"))
    assert "This server may keep at most 1 notes file and has 1" in full


async def test_too_big_and_default_off_without_files_are_refused(
    fake: FakeDiscord,
    manager: FakeMember,
    notes_bot: BotRunner,
) -> None:
    with pytest.raises(ValueError, match="Discord refuses attachments"):  # the fake refuses as Discord does
        await fake.slash(manager, "notes add", file=upload("huge.md", b"a" * (ATTACHMENT_SIZE_LIMIT + 1)))
    off = await fake.slash(manager, "notes default", state="off")
    (reply,) = await off.wait_followups()
    assert "no notes of its own" in (reply.content or "")


async def test_a_crashed_build_is_tried_again_and_the_manager_told_when_it_keeps_crashing(
    fake: FakeDiscord, manager: FakeMember, builder: CrashableBuilder, notes_bot: BotRunner
) -> None:
    builder.crashes = 3  # every attempt
    failed = await fake.slash(manager, "notes add", file=upload("cells.docx", CELLS_DOCX))
    await failed.wait_until(lambda: "failed 3 times" in str(failed.original and failed.original.content), "told")
    assert failed.original is not None and "The files are kept" in (failed.original.content or "")
    assert "crashed 3 times; giving up" in (await notes_bot.wait_for_error()).getMessage()  # the host is told too
    notes_bot.errors.records.clear()  # that error was expected
    builder.crashes = 1  # the next upload's first attempt only
    added = await fake.slash(manager, "notes add", file=upload("cells.docx", CELLS_DOCX))
    assert (await result_of(added))["title"] == "Notes added: 1 file"
