"""The bot's build worker: a server's index built in another process; a worker that dies is replaced."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from bot.errors import IndexBuildFailed, Refusal, UploadRefused
from bot.knowledge.index_store import read_chunks
from bot.uploads.builds import BuildJob, BuildWorker
from tests.conftest import private_copy
from tests.uploads.conftest import GUILD, TIDES_PDF

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="function")]


async def test_the_worker_builds_in_its_own_process_and_is_replaced_when_it_dies(
    default_template: Path, tmp_path: Path
) -> None:
    settings = private_copy(default_template, tmp_path)
    worker = BuildWorker(settings.model)
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
        with pytest.raises(IndexBuildFailed, match="files are kept"):
            await worker.build(job)
        again = await worker.build(job)  # a new worker
        assert again.build_id != result.build_id
    finally:
        worker.close()
