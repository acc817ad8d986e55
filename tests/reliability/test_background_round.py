"""A background round at a stop: a step in progress finishes; one past the grace is cut, not awaited forever."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.discord.shared.background import BackgroundRound


async def test_a_stop_waits_for_the_step_in_progress() -> None:
    finished: list[str] = []
    started = asyncio.Event()

    async def step() -> None:
        async with background.running:
            started.set()
            await asyncio.sleep(0.05)
            finished.append("step")

    background = BackgroundRound(step, seconds=3600, grace=5, what="test")
    in_progress = asyncio.ensure_future(step())
    await started.wait()
    await background.stop()
    assert finished == ["step"]
    await in_progress


async def test_a_step_past_the_grace_is_cut_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    started = asyncio.Event()

    async def step() -> None:
        async with background.running:
            started.set()
            await asyncio.sleep(3600)

    background = BackgroundRound(step, seconds=3600, grace=0.05, what="test")
    stuck = asyncio.ensure_future(step())
    await started.wait()
    with caplog.at_level(logging.WARNING):
        await asyncio.wait_for(background.stop(), timeout=2)
    assert "did not finish within" in caplog.text
    stuck.cancel()


async def test_no_step_starts_after_a_stop() -> None:
    steps: list[int] = []

    async def step() -> None:
        async with background.running:
            steps.append(1)

    background = BackgroundRound(step, seconds=0.01, grace=1, what="test")
    await background.stop()
    blocked = asyncio.ensure_future(step())
    await asyncio.sleep(0.05)
    assert steps == [] and not blocked.done()
    blocked.cancel()
