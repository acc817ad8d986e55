"""A cog's background round: one step every few seconds, never two at once, and a stop that lets a step finish.

The daily quiz, mock-exam deadlines, season closing and role rewards each run such a round. Their steps write to
the database, so a stop (bot shutdown, cog reload) waits for a step in progress up to the configured grace
(`TUTORBOT_SHUTDOWN_GRACE_SECONDS`) rather than cutting its work in half; a step still running after that is
cancelled with the loop, and its lease-based claims are taken up again after a restart.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from discord.ext import tasks

log = logging.getLogger(__name__)


class BackgroundRound:
    """Runs `step` every `seconds`; `running` is held for the whole of a step (take it in the step itself).

    `step` must take the `running` lock itself (so a direct call, as tests and other shard code make, is exclusive
    too): `async with round.running: ...`.
    """

    def __init__(
        self, step: Callable[[], Coroutine[Any, Any, None]], *, seconds: float, grace: float, what: str
    ) -> None:
        self.running = asyncio.Lock()
        self._loop = tasks.loop(seconds=seconds)(step)
        self._grace = grace
        self._what = what

    def start(self) -> None:
        """Start the loop unless it runs already (`on_ready` fires again after each reconnect)."""
        if not self._loop.is_running():
            self._loop.start()

    async def stop(self) -> None:
        """Wait up to the grace for a step in progress, then stop the loop (a late step is cancelled, logged)."""
        try:
            await asyncio.wait_for(self.running.acquire(), timeout=self._grace)
        except TimeoutError:
            log.warning("A %s step did not finish within %.0f s; stopping it", self._what, self._grace)
        self._loop.cancel()
