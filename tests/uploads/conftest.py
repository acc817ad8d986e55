"""Notes a server uploads in these tests, and small default notes built once (the tests work on copies)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.clock import FrozenClock
from bot.errors import BuildCrashed
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.artifacts import read_chunks
from bot.knowledge.intake import UploadLimits
from bot.storage import Database, Repositories
from bot.uploads.builds import BuildJob, BuildResult, InlineBuilder, ReadFile
from bot.uploads.service import ServerNotes
from tests.conftest import build_notes, private_copy
from tests.storage.conftest import (
    T0,
    target,  # noqa: F401  (SQLite, and PostgreSQL when configured)
)
from tests.upload_files import docx_bytes, pdf_bytes

DEFAULT_NOTES = {
    "garden.md": "# Soil\n\nClay soil holds water well but drains slowly; add compost to loosen it.\n\n"
    "## Acidity\n\nBlueberries need acidic soil with a pH between 4.5 and 5.5.\nLime raises the pH of soil.\n"
}
TIDES_PDF = pdf_bytes(
    [
        [(1, "Tides"), (None, "Tides rise and fall twice a day, pulled mostly by the gravity of the Moon.")],
        [(2, "Spring tides"), (None, "Spring tides have the largest range; they come at new and full moon.")],
        [(2, "Neap tides"), (None, "Neap tides have the smallest range and come at the quarter moons.")],
    ]
)
CELLS_DOCX = docx_bytes(
    [
        ("heading", (1, "Cells")),
        ("paragraph", "Every cell is wrapped in a membrane that controls what enters and leaves."),
        ("heading", (2, "Organelles")),
        ("bullet", "Mitochondria release energy from glucose as ATP."),
        ("bullet", "Ribosomes assemble proteins from amino acids."),
    ]
)
GUILD, OTHER = 101, 202


@pytest.fixture(scope="session")
def default_template(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    return build_notes(tmp_path_factory.mktemp("server-notes"), DEFAULT_NOTES, embedder)


@pytest_asyncio.fixture(loop_scope="function")
async def notes(default_template: Path, tmp_path: Path, embedder: Embedder) -> AsyncIterator[ServerNotes]:
    """The service over a private copy of the default notes and an SQLite database, building in this process."""
    settings = private_copy(default_template, tmp_path)
    db = await Database.open(settings.database_url)
    notes = ServerNotes(Repositories.over(db).notes, settings, InlineBuilder(embedder), FrozenClock(T0))
    try:
        yield notes
    finally:
        await notes.settled()  # second stages still under way finish before their database closes
        await db.close()


def sources_in(folder: Path) -> set[str]:
    return {chunk.source for chunk in read_chunks(folder)}


class HeldBuilder:
    """Builds in this process; complete builds wait until `release`, and the first `crashes` of them crash."""

    def __init__(self, embedder: Embedder, crashes: int = 0) -> None:
        self._inline = InlineBuilder(embedder)
        self.released = asyncio.Event()
        self.crashes = crashes
        self.complete_builds = 0

    async def read(self, name: str, data: bytes, limits: UploadLimits) -> ReadFile:
        return await self._inline.read(name, data, limits)

    async def build(self, job: BuildJob) -> BuildResult:
        if job.reuse_from is None:
            await self.released.wait()
            self.complete_builds += 1
            if self.complete_builds <= self.crashes:
                raise BuildCrashed("the build worker died")
        return await self._inline.build(job)
