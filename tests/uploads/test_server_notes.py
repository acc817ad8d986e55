"""A server's own notes through the service: read before kept, kept in the database, built into the server's own
index (incrementally, off the event loop), removed, and rebuilt from the database on a machine without the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.errors import NotFound, Refusal, UploadRefused
from bot.knowledge.embedder import Embedder
from bot.knowledge.intake import UploadLimits
from bot.settings import Settings
from bot.storage import Repositories
from bot.uploads.builds import InlineBuilder
from bot.uploads.service import ServerNotes
from tests.conftest import private_copy
from tests.storage.conftest import T0, Target
from tests.uploads.conftest import CELLS_DOCX, GUILD, OTHER, TIDES_PDF, sources_in

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_upload_builds_the_servers_own_index_with_the_default_notes(notes: ServerNotes) -> None:
    lines: list[str] = []

    async def progress(line: str) -> None:
        lines.append(line)

    outcome = await notes.add(GUILD, [("tides.pdf", TIDES_PDF), ("cells.docx", CELLS_DOCX)], 7, progress)
    assert outcome.added == ["tides.pdf", "cells.docx"] and outcome.refused == []
    assert lines[0] == "Reading tides.pdf (1 of 2)…" and "Building" in lines[-1]
    source = await notes.source(GUILD)
    assert source is not None and source.include_default
    assert sources_in(source.folder) == {"tides.pdf", "cells.docx", "notes/garden.md"}
    assert outcome.build is not None and outcome.build.embedded < outcome.build.chunk_count  # the default reused
    listing = await notes.listing(GUILD)
    assert listing.up_to_date and listing.include_default
    assert {(f.name, f.pages) for f in listing.files} == {("tides.pdf", 3), ("cells.docx", None)}
    assert all(f.passages for f in listing.files)
    assert await notes.source(OTHER) is None  # a server without uploads keeps the default notes
    assert await notes.download(GUILD, "tides.pdf") == TIDES_PDF


async def test_a_later_upload_embeds_only_its_own_passages(notes: ServerNotes) -> None:
    first = await notes.add(GUILD, [("tides.pdf", TIDES_PDF)], 7)
    second = await notes.add(GUILD, [("cells.docx", CELLS_DOCX)], 7)
    assert first.build is not None and second.build is not None
    cells = second.build.passages["cells.docx"]
    assert second.build.embedded == cells
    assert second.build.reused == second.build.chunk_count - cells


async def test_refused_files_are_reported_and_the_others_kept(notes: ServerNotes) -> None:
    outcome = await notes.add(GUILD, [("fake.pdf", b"\x89PNG\r\n\x1a\n" + bytes(40)), ("cells.docx", CELLS_DOCX)], 7)
    assert outcome.added == ["cells.docx"]
    assert [r.reason for r in outcome.refused] == [Refusal.NOT_WHAT_IT_CLAIMS]
    only_refused = await notes.add(GUILD, [("empty.md", b"")], 7)
    assert only_refused.added == [] and only_refused.build is None
    assert [f.name for f in (await notes.listing(GUILD)).files] == ["cells.docx"]


async def test_sizes_are_checked_before_any_download(notes: ServerNotes) -> None:
    notes.limits = UploadLimits(file_bytes=1000, files_per_server=2)
    with pytest.raises(UploadRefused) as too_big:
        await notes.check_sizes(GUILD, {"big.pdf": 5000})
    assert too_big.value.reason is Refusal.TOO_BIG
    with pytest.raises(UploadRefused) as full:
        await notes.check_sizes(GUILD, {"a.md": 10, "b.md": 10, "c.md": 10})
    assert full.value.reason is Refusal.SERVER_FULL
    with pytest.raises(UploadRefused) as unsupported:
        await notes.check_sizes(GUILD, {"slides.pptx": 10})
    assert unsupported.value.reason is Refusal.UNSUPPORTED


async def test_removal_takes_the_files_passages_away(notes: ServerNotes) -> None:
    await notes.add(GUILD, [("tides.pdf", TIDES_PDF), ("cells.docx", CELLS_DOCX)], 7)
    build = await notes.remove(GUILD, "tides.pdf")
    assert build is not None and "tides.pdf" not in sources_in(build.folder)
    with pytest.raises(NotFound, match=r"no notes file named tides\.pdf"):
        await notes.remove(GUILD, "tides.pdf")
    assert await notes.remove(GUILD, "cells.docx") is None
    assert await notes.source(GUILD) is None  # back to the default notes


async def test_default_notes_can_be_left_out_once_the_server_has_its_own(notes: ServerNotes) -> None:
    with pytest.raises(UploadRefused, match="no notes of its own"):
        await notes.include_default(GUILD, False)
    await notes.add(GUILD, [("cells.docx", CELLS_DOCX)], 7)
    build = await notes.include_default(GUILD, False)
    assert build is not None and sources_in(build.folder) == {"cells.docx"}
    assert await notes.include_default(GUILD, False) is None  # unchanged: no build
    source = await notes.source(GUILD)
    assert source is not None and not source.include_default


async def test_two_servers_never_share_passages(notes: ServerNotes) -> None:
    await notes.include_default(GUILD, True)
    await notes.add(GUILD, [("tides.pdf", TIDES_PDF)], 7)
    await notes.add(OTHER, [("cells.docx", CELLS_DOCX)], 8)
    await notes.include_default(GUILD, False)
    await notes.include_default(OTHER, False)
    mine, theirs = await notes.source(GUILD), await notes.source(OTHER)
    assert mine is not None and theirs is not None and mine.build_id != theirs.build_id
    assert sources_in(mine.folder) == {"tides.pdf"}
    assert sources_in(theirs.folder) == {"cells.docx"}


async def test_a_machine_without_the_build_makes_it_again_from_the_database(
    notes: ServerNotes, tmp_path: Path, embedder: Embedder
) -> None:
    await notes.add(GUILD, [("tides.pdf", TIDES_PDF)], 7)
    await notes.settled(GUILD)
    built = await notes.source(GUILD)
    assert built is not None
    shutil.rmtree(built.folder.parent.parent)  # the server's index folder is not on this machine
    assert await notes.source(GUILD) is None  # served the default notes meanwhile, and a build started
    await notes._repairs[GUILD]
    rebuilt = await notes.source(GUILD)
    assert rebuilt is not None and rebuilt.build_id != built.build_id
    assert sources_in(rebuilt.folder) == {"tides.pdf", "notes/garden.md"}
    recorded = await notes._repo.library(GUILD)  # the other machine's build stays the recorded one: machines never
    assert recorded.build_id == built.build_id  # take turns replacing each other's builds


async def test_settings_point_builds_under_the_index_folder(tmp_path: Path) -> None:
    from bot.uploads.builds import build_folder, build_id_of, server_folder

    settings = Settings().changed(paths={"index": tmp_path / "index"})
    folder = server_folder(settings, GUILD) / "builds" / "20261130-220000-abcd1234"
    assert build_folder(settings, build_id_of(GUILD, folder)) == folder


async def test_another_process_on_the_same_database_serves_the_new_build(
    target: Target, default_template: Path, tmp_path: Path, embedder: Embedder
) -> None:
    settings = private_copy(default_template, tmp_path)
    first, second = await target.open(), await target.open()  # two processes' handles on one database
    try:
        builder = InlineBuilder(embedder)
        mine = ServerNotes(Repositories.over(first).notes, settings, builder, FrozenClock(T0))
        theirs = ServerNotes(Repositories.over(second).notes, settings, builder, FrozenClock(T0))
        assert await theirs.source(GUILD) is None
        await mine.add(GUILD, [("cells.docx", CELLS_DOCX)], 7)
        searchable = await mine.source(GUILD)  # the first stage, then the complete build: both seen there
        assert searchable is not None and not searchable.complete and await theirs.source(GUILD) == searchable
        await mine.settled(GUILD)
        built = await mine.source(GUILD)
        assert built is not None and built.complete and await theirs.source(GUILD) == built
    finally:
        await mine.settled()
        await first.close()
        await second.close()


async def test_a_file_read_under_looser_limits_is_refused_under_tighter_ones() -> None:
    from bot.uploads.builds import read_file

    assert read_file("tides.pdf", TIDES_PDF, UploadLimits()).pages == 3  # remembered for the build that follows
    with pytest.raises(UploadRefused) as refused:
        read_file("tides.pdf", TIDES_PDF, UploadLimits(pages=2))
    assert refused.value.reason is Refusal.TOO_MANY_PAGES
