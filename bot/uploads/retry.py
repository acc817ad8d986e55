"""Trying a server's build again when the process making it died: a bounded number of attempts with growing waits.

A build whose worker process was killed (out of memory, an operator, a crash in a native library) fails with
BuildCrashed; the same files usually build on a fresh worker. Other failures (a refused file, a full disk) are not
retried: trying again cannot help them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.errors import BuildCrashed, IndexBuildFailed
from bot.uploads.builds import Builder, BuildJob, BuildResult

log = logging.getLogger(__name__)

Progress = Callable[[str], Awaitable[None]]  # one line for the member waiting, e.g. "Reading notes.pdf…"


@dataclass(frozen=True)
class BuildRetry:
    """How a crashed build is tried again: `delays` are the waits in seconds before the second, third… attempt
    (so `len(delays) + 1` attempts in all); `sleep` is injected in tests."""

    delays: tuple[float, ...] = (2.0, 10.0)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    @property
    def attempts(self) -> int:
        return len(self.delays) + 1


def gave_up(attempts: int) -> str:
    return (
        f"Building this server's notes index failed {attempts} times (the process building it stopped each time). "
        "The files are kept and the notes served before this change stay in use; try again later with /notes add, "
        "or tell whoever runs the bot."
    )


async def build_with_retries(builder: Builder, job: BuildJob, retry: BuildRetry, progress: Progress) -> BuildResult:
    """`builder.build(job)`, tried again after each BuildCrashed, waiting `retry.delays` between attempts and
    telling `progress` each time. IndexBuildFailed (saying how often it was tried) when the last attempt crashes too;
    any other error at once."""
    for attempt, delay in enumerate(retry.delays, start=1):
        try:
            return await builder.build(job)
        except BuildCrashed:
            log.warning(
                "server %s's notes build crashed (attempt %s); trying again in %s s", job.guild_id, attempt, delay
            )
            again = f"attempt {attempt + 1} of {retry.attempts}"
            await progress(f"The build stopped unexpectedly; trying again in {delay:g} s ({again})…")
            await retry.sleep(delay)
    try:
        return await builder.build(job)
    except BuildCrashed:
        log.error("server %s's notes build crashed %s times; giving up", job.guild_id, retry.attempts)
        raise IndexBuildFailed(gave_up(retry.attempts)) from None
