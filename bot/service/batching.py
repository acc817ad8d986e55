"""Answer many questions arriving together with one model call, off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Q = TypeVar("Q")
R = TypeVar("R")

BATCH_WINDOW_SECONDS = 0.003
MAX_BATCH = 64


class MicroBatcher(Generic[Q, R]):
    """Collects items for a few milliseconds and runs `work(batch)` in a worker thread, one batch at a time."""

    def __init__(self, work: Callable[[Sequence[Q]], list[R]], window: float = BATCH_WINDOW_SECONDS) -> None:
        self._work = work
        self._window = window
        self._pending: list[tuple[Q, asyncio.Future[R]]] = []
        self._runner: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    async def submit(self, item: Q) -> R:
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        async with self._lock:
            await asyncio.sleep(self._window)
            while self._pending:
                batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
                try:
                    results = await asyncio.to_thread(self._work, [item for item, _ in batch])
                except Exception as error:  # every waiter learns of the failure
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(error)
                    continue
                for (_, future), result in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(result)
