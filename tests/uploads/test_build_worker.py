"""The bot's build worker: a server's index built in another process; a worker that dies is replaced."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.errors import BuildCrashed, Refusal, UploadRefused
from bot.knowledge.index.artifacts import read_chunks
from bot.storage import Database, Repositories
from bot.uploads.builds import BuildJob, BuildWorker
from bot.uploads.retry import BuildRetry
from bot.uploads.service import ServerNotes
from tests.conftest import private_copy
from tests.storage.conftest import T0
from tests.uploads.conftest import GUILD, TIDES_PDF

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="function")]
BUILD_TIMEOUT = 600.0  # a worker loading the model and building small notes on a loaded machine


async def test_the_worker_builds_in_its_own_process_and_is_replaced_when_it_dies(
    default_template: Path, tmp_path: Path
) -> None:
    settings = private_copy(default_template, tmp_path)
    worker = BuildWorker(settings.retrieval.model)
    job = BuildJob(GUILD, 1, {"tides.pdf": TIDES_PDF}, False, settings)
    try:
        read = await worker.read("tides.pdf", TIDES_PDF, job.limits)
        assert (read.name, read.pages) == ("tides.pdf", 3)
        with pytest.raises(UploadRefused) as refused:  # a refusal crosses the process boundary whole
            await worker.read("fake.pdf", b"\x89PNG\r\n\x1a\n", job.limits)
        assert refused.value.reason is Refusal.NOT_WHAT_IT_CLAIMS
        result = await worker.build(job)
        assert {c.source for c in read_chunks(result.folder)} == {"tides.pdf"}
        (pid,) = list(worker._executor()._processes)  # type: ignore[union-attr]
        assert pid != os.getpid()
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(BuildCrashed, match="files are kept"):
            await worker.build(job)
        again = await worker.build(job)  # a new worker
        assert again.build_id != result.build_id
    finally:
        worker.close()


async def test_a_build_whose_worker_is_killed_mid_build_is_tried_again_on_a_new_worker(
    default_template: Path, tmp_path: Path
) -> None:
    settings = private_copy(default_template, tmp_path)
    worker = BuildWorker(settings.retrieval.model)
    db = await Database.open(settings.database_url)
    told: list[str] = []

    async def progress(line: str) -> None:
        told.append(line)

    notes = ServerNotes(Repositories.over(db).notes, settings, worker, FrozenClock(T0), retry=BuildRetry((0.1,)))
    try:
        adding = asyncio.create_task(notes.add(GUILD, [("tides.pdf", TIDES_PDF)], 7, progress))
        while not any(line.startswith("Building") for line in told):  # the file is read: the build has started
            await asyncio.sleep(0.05)
        (pid,) = list(worker._executor()._processes)  # type: ignore[union-attr]
        os.kill(pid, signal.SIGKILL)
        outcome = await asyncio.wait_for(adding, BUILD_TIMEOUT)
        assert outcome.build is not None and outcome.build.passages["tides.pdf"] > 0
        assert any("trying again" in line for line in told)
        assert await notes.source(GUILD) is not None  # recorded and served
        await asyncio.wait_for(notes.settled(GUILD), BUILD_TIMEOUT)  # the second stage, on the same worker
        complete = await notes.source(GUILD)
        assert complete is not None and complete.complete
    finally:
        worker.close()
        await db.close()
