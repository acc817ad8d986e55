"""A build whose process died is tried again a bounded number of times with growing waits; when every attempt
crashes the member is told, and the uploaded files stay kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.errors import BuildCrashed, IndexBuildFailed
from bot.knowledge.intake import UploadLimits
from bot.settings import PathSettings, Settings
from bot.storage import Database, Repositories
from bot.uploads.builds import BuildJob, BuildResult, ReadFile
from bot.uploads.retry import BuildRetry, build_with_retries
from bot.uploads.service import ServerNotes
from tests.storage.conftest import T0
from tests.uploads.conftest import GUILD

pytestmark = pytest.mark.asyncio(loop_scope="function")


class CrashingBuilder:
    """Reads every file as one page of notes; its builds crash `crashes` times, then succeed (or fail otherwise)."""

    def __init__(self, crashes: int, then: Exception | None = None) -> None:
        self.crashes = crashes
        self.then = then
        self.attempts = 0

    async def read(self, name: str, data: bytes, limits: UploadLimits) -> ReadFile:
        return ReadFile(name, None)

    async def build(self, job: BuildJob) -> BuildResult:
        self.attempts += 1
        if self.attempts <= self.crashes:
            raise BuildCrashed("the build worker died")
        if self.then is not None:
            raise self.then
        folder = Path("/nonexistent") / str(self.attempts)
        return BuildResult(job.guild_id, job.revision, f"{job.guild_id}/{folder.name}", folder, {}, 1, 1, 0, 0.1)


class Recorder:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.slept: list[float] = []

    async def progress(self, line: str) -> None:
        self.lines.append(line)

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def job(tmp_path: Path) -> BuildJob:
    return BuildJob(GUILD, 1, {"a.md": b"# A\n"}, False, Settings(paths=PathSettings(root=tmp_path)))


async def test_a_crashed_build_is_tried_again_after_growing_waits(tmp_path: Path) -> None:
    builder, seen = CrashingBuilder(crashes=2), Recorder()
    result = await build_with_retries(builder, job(tmp_path), BuildRetry((2.0, 10.0), seen.sleep), seen.progress)
    assert builder.attempts == 3 and result.build_id == f"{GUILD}/3"
    assert seen.slept == [2.0, 10.0]
    assert seen.lines == [
        "The build stopped unexpectedly; trying again in 2 s (attempt 2 of 3)…",
        "The build stopped unexpectedly; trying again in 10 s (attempt 3 of 3)…",
    ]


async def test_after_the_last_attempt_the_member_is_told_how_often_it_was_tried(tmp_path: Path) -> None:
    builder, seen = CrashingBuilder(crashes=5), Recorder()
    with pytest.raises(IndexBuildFailed, match="failed 3 times") as failed:
        await build_with_retries(builder, job(tmp_path), BuildRetry((1.0, 1.0), seen.sleep), seen.progress)
    assert not isinstance(failed.value, BuildCrashed) and "files are kept" in str(failed.value)
    assert builder.attempts == 3 and seen.slept == [1.0, 1.0]


async def test_other_failures_are_not_tried_again(tmp_path: Path) -> None:
    disk_full = OSError(28, "No space left on device")
    builder, seen = CrashingBuilder(crashes=0, then=disk_full), Recorder()
    with pytest.raises(OSError, match="No space"):
        await build_with_retries(builder, job(tmp_path), BuildRetry((1.0,), seen.sleep), seen.progress)
    assert builder.attempts == 1 and seen.slept == []


async def test_a_failed_build_is_listed_as_failed_until_a_build_succeeds(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    builder = CrashingBuilder(crashes=2)
    settings = Settings(paths=PathSettings(root=tmp_path, index=tmp_path / "index"))
    notes = ServerNotes(Repositories.over(db).notes, settings, builder, FrozenClock(T0), retry=BuildRetry((0.0,)))
    try:
        with pytest.raises(IndexBuildFailed):
            await notes.add(GUILD, [("a.md", b"# A\n\nText.\n")], 7)
        assert (await notes.listing(GUILD)).build_failed_at == T0
        await notes.add(GUILD, [("b.md", b"# B\n\nText.\n")], 7)  # the third attempt builds
        listing = await notes.listing(GUILD)
        assert listing.up_to_date and listing.build_failed_at is None
    finally:
        await db.close()


async def test_an_upload_whose_build_keeps_crashing_keeps_its_files(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    seen = Recorder()
    notes = ServerNotes(
        Repositories.over(db).notes,
        Settings(paths=PathSettings(root=tmp_path, index=tmp_path / "index")),
        CrashingBuilder(crashes=99),
        FrozenClock(T0),
        retry=BuildRetry((0.5,), seen.sleep),
    )
    try:
        with pytest.raises(IndexBuildFailed, match="failed 2 times"):
            await notes.add(GUILD, [("a.md", b"# A\n\nText.\n")], 7, seen.progress)
        assert seen.lines[-1] == "The build stopped unexpectedly; trying again in 0.5 s (attempt 2 of 2)…"
        listing = await notes.listing(GUILD)
        assert [f.name for f in listing.files] == ["a.md"] and not listing.up_to_date
        assert listing.build_failed_at == T0  # the listing says the build failed, not that it is being built
        assert await notes.source(GUILD) is None  # the default notes serve meanwhile
    finally:
        await db.close()
