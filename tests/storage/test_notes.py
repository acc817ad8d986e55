"""Each server's uploaded notes kept whole in the database, its revision and the build it serves."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import timedelta

import pytest

from bot.errors import UploadRefused
from bot.knowledge.intake import UploadLimits, check_server_room
from bot.storage import Database, Repositories
from bot.storage.notes import NewNote
from tests.storage.conftest import T0, Target

pytestmark = pytest.mark.asyncio(loop_scope="function")

PDF_BYTES = b"%PDF-1.7\n" + bytes(range(256)) * 40  # any bytes: kept exactly as uploaded


async def test_files_are_kept_whole_and_listed_without_their_bytes(repos: Repositories) -> None:
    revision = await repos.notes.add(1, [NewNote("a.md", b"# A\n"), NewNote("b.pdf", PDF_BYTES, pages=3)], 7, T0)
    assert revision == 1
    assert await repos.notes.contents(1) == {"a.md": b"# A\n", "b.pdf": PDF_BYTES}
    assert await repos.notes.content(1, "b.pdf") == PDF_BYTES
    assert await repos.notes.content(1, "c.md") is None
    listed = await repos.notes.files(1)
    assert [(f.name, f.size, f.pages, f.passages, f.uploaded_by) for f in listed] == [
        ("a.md", 4, None, None, 7),
        ("b.pdf", len(PDF_BYTES), 3, None, 7),
    ]
    assert await repos.notes.files(2) == []  # another server sees none of them


async def test_a_file_of_a_kept_name_replaces_it(repos: Repositories) -> None:
    await repos.notes.add(1, [NewNote("a.md", b"old")], 7, T0)
    assert await repos.notes.add(1, [NewNote("a.md", b"new text")], 8, T0) == 2
    assert await repos.notes.contents(1) == {"a.md": b"new text"}
    assert [(f.size, f.uploaded_by) for f in await repos.notes.files(1)] == [(8, 8)]


async def test_removal_and_the_default_switch_raise_the_revision_only_when_something_changed(
    repos: Repositories,
) -> None:
    await repos.notes.add(1, [NewNote("a.md", b"a"), NewNote("b.md", b"b")], 7, T0)
    assert await repos.notes.remove(1, "a.md") == 2
    assert await repos.notes.remove(1, "a.md") is None
    assert await repos.notes.include_default(1, True) is None  # on by default
    assert await repos.notes.include_default(1, False) == 3
    library = await repos.notes.library(1)
    assert (library.include_default, library.revision, library.build_id) == (False, 3, None)
    assert list(await repos.notes.contents(1)) == ["b.md"]


async def test_a_server_that_never_uploaded_has_the_default_library(repos: Repositories) -> None:
    library = await repos.notes.library(42)
    assert (library.include_default, library.revision, library.build_id, library.up_to_date) == (True, 0, None, False)


async def test_a_build_is_recorded_only_when_newer_than_the_one_recorded(repos: Repositories) -> None:
    await repos.notes.add(1, [NewNote("a.md", b"a")], 7, T0)
    await repos.notes.add(1, [NewNote("b.md", b"b")], 7, T0)
    assert await repos.notes.record_build(1, 2, "build-2", {"a.md": 4, "b.md": 1}, T0)
    assert not await repos.notes.record_build(1, 1, "build-1", {"a.md": 9}, T0)  # finished late: stays behind
    library = await repos.notes.library(1)
    assert (library.build_id, library.built_revision, library.up_to_date) == ("build-2", 2, True)
    assert {f.name: f.passages for f in await repos.notes.files(1)} == {"a.md": 4, "b.md": 1}


async def test_a_failed_build_is_remembered_until_a_later_change_or_build(repos: Repositories) -> None:
    await repos.notes.add(1, [NewNote("a.md", b"a")], 7, T0)
    assert not (await repos.notes.library(1)).build_failed  # not built yet: still being built
    await repos.notes.record_failure(1, 1, T0 + timedelta(minutes=5))
    library = await repos.notes.library(1)
    assert library.build_failed and (library.failed_revision, library.failed_at) == (1, T0 + timedelta(minutes=5))
    await repos.notes.add(1, [NewNote("b.md", b"b")], 7, T0)  # a later change builds again
    assert not (await repos.notes.library(1)).build_failed
    await repos.notes.record_failure(1, 2, T0)
    assert await repos.notes.record_build(1, 2, "build-2", {"a.md": 1, "b.md": 1}, T0)  # built after all
    assert not (await repos.notes.library(1)).build_failed


async def test_the_room_check_refuses_the_whole_upload(repos: Repositories) -> None:
    limits = UploadLimits(files_per_server=2)

    def room(sizes: Mapping[str, int]) -> None:
        check_server_room({}, sizes, limits)

    await repos.notes.add(1, [NewNote("a.md", b"a")], 7, T0, room)
    with pytest.raises(UploadRefused):
        await repos.notes.add(1, [NewNote("b.md", b"b"), NewNote("c.md", b"c")], 7, T0, room)
    assert list(await repos.notes.contents(1)) == ["a.md"]
    assert (await repos.notes.library(1)).revision == 1


async def test_uploads_at_once_from_two_processes_cannot_pass_the_limit_together(target: Target) -> None:
    limits = UploadLimits(files_per_server=3)

    def room(sizes: Mapping[str, int]) -> None:
        check_server_room({}, sizes, limits)

    first, second = await target.open(), await target.open()
    try:

        async def upload(db: Database, names: list[str]) -> bool:
            try:
                await Repositories.over(db).notes.add(1, [NewNote(n, b"x") for n in names], 7, T0, room)
            except UploadRefused:
                return False
            return True

        results = await asyncio.gather(upload(first, ["a.md", "b.md"]), upload(second, ["c.md", "d.md"]))
        assert sorted(results) == [False, True]
        assert len(await Repositories.over(first).notes.contents(1)) == 2
    finally:
        await first.close()
        await second.close()
