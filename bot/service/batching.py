"""Run work arriving together as one batch: questions answered with one model call off the event loop
(`MicroBatcher`), answers written in one transaction (`GroupCommit`)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

Q = TypeVar("Q")
R = TypeVar("R")

BATCH_WINDOW_SECONDS = 0.003
MAX_BATCH = 64


class GroupCommit(Generic[Q, R]):
    """Runs `work(batch)` over the items submitted meanwhile, at most `limit` each, `parallel` batches at a time.

    The first item waits only `window` seconds; items arriving while batches run make up the next ones, so a
    rush shares a few runs of `work` while a lone item costs one. `work` gives one result per item, in order; an
    exception in that list fails that item alone, one raised by `work` fails the whole batch.
    """

    def __init__(
        self,
        work: Callable[[Sequence[Q]], Awaitable[Sequence[R | Exception]]],
        window: float = 0.0,
        limit: int = MAX_BATCH,
        parallel: int = 1,
    ) -> None:
        self._work = work
        self._window = window
        self._limit = limit
        self._parallel = parallel
        self._pending: list[tuple[Q, asyncio.Future[R]]] = []
        self._runners: set[asyncio.Task[None]] = set()

    async def submit(self, item: Q) -> R:
        """The item's result once its batch has run (its exception, or the batch's, raised here)."""
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        self._runners = {runner for runner in self._runners if not runner.done()}
        if len(self._runners) < self._parallel:
            self._runners.add(asyncio.create_task(self._drain()))
        return await future

    async def _drain(self) -> None:
        if self._window:
            await asyncio.sleep(self._window)
        while self._pending:
            batch, self._pending = self._pending[: self._limit], self._pending[self._limit :]
            try:
                results = await self._work([item for item, _ in batch])
            except Exception as error:  # every waiter learns of the failure
                results = [error] * len(batch)
            for (_, future), result in zip(batch, results, strict=True):
                if future.done():  # its caller gave up waiting
                    continue
                if isinstance(result, Exception):
                    future.set_exception(result)
                else:
                    future.set_result(result)


class MicroBatcher(GroupCommit[Q, R]):
    """Collects items for a few milliseconds and runs `work(batch)` in a worker thread, one batch at a time."""

    def __init__(self, work: Callable[[Sequence[Q]], list[R]], window: float = BATCH_WINDOW_SECONDS) -> None:
        super().__init__(lambda batch: asyncio.to_thread(work, batch), window)
