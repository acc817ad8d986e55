"""The terminal tutor's /mock: answered by number, flagged, moved through, paused and resumed, submitted, reported;
a mock out of time is submitted as it stood."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import FrozenClock
from bot.tutor import Tutor
from tests.console.scripted import ME, talk


async def test_mock_in_the_console(tutor: Tutor) -> None:
    out = await talk(tutor, "/mock 3 10", "9", "/flag", "/go 7", "/review", "/stop")
    assert "Question 1/3" in out and "Pick 1 to" in out and "⚑ flagged" in out
    assert "There is no such question: 1 to 3." in out
    assert "Answered 0/3. Flagged: 1. Not answered: 1, 2, 3." in out and "Paused" in out
    session = await tutor.mocks.start(ME)  # resumed, not a new one
    assert session.resumed and len(session.questions) == 3
    numbers = [str(q.choices.index(q.item.answer) + 1) for q in session.questions]
    out = await talk(tutor, "/mock", numbers[0], "/next", numbers[2], "/submit")
    assert "Resumed the mock exam you have open." in out
    assert "Mock exam report: 2/3 right (67%)" in out and "Q2 " in out and "yours: no answer" in out
    assert "Mock exam report: 2/3 right" in await talk(tutor, "/mock report")


async def test_a_console_mock_out_of_time_is_submitted_as_it_stood(tutor: Tutor) -> None:
    assert isinstance(tutor.clock, FrozenClock)
    await talk(tutor, "/mock 2 5", "1", "/stop")
    tutor.clock.advance(timedelta(minutes=6))
    out = await talk(tutor, "/mock report")
    assert "submitted automatically when the time was up" in out and "Time used: 5 min of 5 min" in out
    out = await talk(tutor, "/mock 0", "/mock x", "/stop")
    assert "1 to 200 questions" in out and "Use /mock [questions] [minutes]" in out
