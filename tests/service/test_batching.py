"""Group commit: items submitted while a batch runs make up the next batch; each item gets its own result."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from bot.service.batching import GroupCommit

pytestmark = pytest.mark.asyncio(loop_scope="function")


class Recorder:
    """A batch's work: doubles each item, refuses negative ones, and notes the batches and how many overlapped."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.running = 0
        self.most_running = 0

    async def work(self, batch: Sequence[int]) -> list[int | Exception]:
        self.batches.append(list(batch))
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        await asyncio.sleep(0.01)
        self.running -= 1
        return [ValueError(f"bad {item}") if item < 0 else item * 2 for item in batch]


async def test_a_lone_item_runs_at_once_and_a_rush_shares_batches_of_at_most_the_limit() -> None:
    recorder = Recorder()
    commit: GroupCommit[int, int] = GroupCommit(recorder.work, limit=4)
    assert await commit.submit(1) == 2
    results = await asyncio.gather(*(commit.submit(n) for n in range(10, 20)))
    assert results == [n * 2 for n in range(10, 20)]
    assert recorder.batches == [[1], [10, 11, 12, 13], [14, 15, 16, 17], [18, 19]]
    assert recorder.most_running == 1


async def test_an_items_own_error_fails_it_alone_and_a_failed_batch_fails_each_of_its_items() -> None:
    recorder = Recorder()
    commit: GroupCommit[int, int] = GroupCommit(recorder.work)
    outcomes = await asyncio.gather(*(commit.submit(n) for n in (1, -1, 2)), return_exceptions=True)
    assert outcomes[0] == 2 and isinstance(outcomes[1], ValueError) and outcomes[2] == 4

    async def broken(batch: Sequence[int]) -> list[int | Exception]:
        raise RuntimeError("database gone")

    failing: GroupCommit[int, int] = GroupCommit(broken)
    outcomes = await asyncio.gather(*(failing.submit(n) for n in (1, 2)), return_exceptions=True)
    assert all(isinstance(o, RuntimeError) for o in outcomes)
    assert await commit.submit(3) == 6  # the batcher goes on after failures


async def test_parallel_batches_overlap_up_to_their_number() -> None:
    recorder = Recorder()
    commit: GroupCommit[int, int] = GroupCommit(recorder.work, limit=2, parallel=3)
    assert await asyncio.gather(*(commit.submit(n) for n in range(12))) == [n * 2 for n in range(12)]
    assert recorder.most_running == 3
    assert sorted(n for batch in recorder.batches for n in batch) == list(range(12))
