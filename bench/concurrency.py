"""Benchmark 3: 200 questions at once through Tutor.ask (micro-batched) against asking one at a time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Sequence
from typing import TypeVar

from bench.env import ready_settings, shared_embedder
from bench.questions import benchmark_questions
from bench.report import Table, ms, ratio
from bot.knowledge.answer_markdown import answer_markdown
from bot.tutor import Tutor

T = TypeVar("T")
TICK_SECONDS = 0.005
BURST = 200


class LoopLagProbe:
    """A coroutine that sleeps 5 ms over and over and keeps the worst overshoot: how long the loop was blocked."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._running = True

    async def tick(self) -> None:
        while self._running:
            started = time.perf_counter()
            await asyncio.sleep(TICK_SECONDS)
            self.worst = max(self.worst, time.perf_counter() - started - TICK_SECONDS)

    async def watch(self, work: Awaitable[T]) -> T:
        ticker = asyncio.create_task(self.tick())
        try:
            return await work
        finally:
            self._running = False
            await ticker


async def one_at_a_time(tutor: Tutor, questions: Sequence[str]) -> list[object]:
    return [await tutor.ask(q) for q in questions]


async def timed(work: Awaitable[object]) -> float:
    started = time.perf_counter()
    await work
    return time.perf_counter() - started


async def measure(quick: bool) -> Table:
    settings = ready_settings()
    tutor = await Tutor.open(settings, embedder=shared_embedder())
    try:
        questions = benchmark_questions(100)
        serial = questions[: 40 if quick else 100]
        serial_probe = LoopLagProbe()
        serial_seconds = await timed(serial_probe.watch(one_at_a_time(tutor, serial[::2])))
        burst = [questions[i % len(questions)] + ("" if i < len(questions) else " please") for i in range(BURST)]
        probe = LoopLagProbe()
        started = time.perf_counter()
        answers = await probe.watch(asyncio.gather(*(tutor.ask(q) for q in burst)))
        burst_seconds = time.perf_counter() - started
        serial_seconds += await timed(one_at_a_time(tutor, serial[1::2]))
        serial_rate = len(serial) / serial_seconds
    finally:
        await tutor.close()
    burst_rate = BURST / burst_seconds
    table = Table(f"3. Concurrency: {BURST} questions at once through Tutor.ask")
    table.add(
        "throughput, all at once",
        f"{burst_rate:.1f} q/s ({burst_seconds:.1f} s)",
        f"one at a time {serial_rate:.1f} q/s ({len(serial)} asked, half before, half after)",
        ">= 3x",
        ratio(burst_rate, serial_rate) >= 3,
    )
    table.add("  ratio", f"{ratio(burst_rate, serial_rate):.2f}x")
    answered = sum(1 for a in answers if answer_markdown(a))
    table.add("answered", f"{answered}/{BURST}", "", "all", answered == BURST)
    table.add(
        "event-loop lag (max overshoot of a 5 ms sleep)",
        ms(probe.worst),
        f"one at a time {ms(serial_probe.worst)}",
        "< 50 ms",
        probe.worst < 0.05,
    )
    return table


def run(quick: bool) -> Table:
    return asyncio.run(measure(quick))
