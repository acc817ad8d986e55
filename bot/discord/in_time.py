"""Answering an interaction within Discord's 3 seconds even when the work behind the answer is slow (a busy
database, a retried transaction): past a threshold the interaction is deferred first, then answered."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

DEFER_AFTER_SECONDS = 2.0  # Discord forgets an interaction not answered (or deferred) within 3 s


async def in_time(work: Awaitable[T], defer: Callable[[], Awaitable[object]]) -> T:
    """The result of `work`; if it is not ready after DEFER_AFTER_SECONDS, `defer` is awaited meanwhile (the
    caller then answers with a followup or an edit of the original response). Errors of `work` propagate."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER_SECONDS)
    if not done:
        await defer()
    return await task
