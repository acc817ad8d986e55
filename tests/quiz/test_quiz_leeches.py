"""Leeches: the prompt failed again and again is flagged (Anki's rule) and set aside from reviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.quiz.item import QuizItem
from bot.quiz.leeches import DEFAULT_LEECH_LAPSES, becomes_leech
from bot.quiz.review_store import InMemoryReviewStore, MemberKey
from bot.quiz.scheduling import ReviewScheduler

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
MEMBER = MemberKey(guild_id=1, user_id=2)
PROMPT = QuizItem("p1", "cloze", "Q?", "A", (), None, "notes.md", ("Alpha",), 1, 1, "Alpha")


def test_the_threshold_lapse_flags_then_every_half_threshold() -> None:
    assert DEFAULT_LEECH_LAPSES == 8
    assert [n for n in range(1, 21) if becomes_leech(n)] == [8, 12, 16, 20]
    assert [n for n in range(1, 6) if becomes_leech(n, 1)] == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError):
        becomes_leech(3, 0)


async def test_eight_wrong_answers_set_the_prompt_aside_until_studied_again() -> None:
    scheduler = ReviewScheduler(InMemoryReviewStore())
    now = START
    for lapse in range(1, DEFAULT_LEECH_LAPSES + 1):
        state = await scheduler.record(MEMBER, PROMPT, False, now)
        assert state.lapses == lapse and state.leech == (lapse == DEFAULT_LEECH_LAPSES)
        now += timedelta(hours=1)
    assert await scheduler.due(MEMBER, {PROMPT.id: PROMPT}, now) == []
    assert await scheduler.next_prompts(MEMBER, [PROMPT], now, 5) == []  # not new either
    assert await scheduler.study_again(MEMBER, PROMPT.id)
    assert not await scheduler.study_again(MEMBER, PROMPT.id)
    assert await scheduler.due(MEMBER, {PROMPT.id: PROMPT}, now) == [PROMPT]
    passed = await scheduler.record(MEMBER, PROMPT, True, now)
    assert passed.lapses == DEFAULT_LEECH_LAPSES and not passed.leech and passed.last_correct


async def test_a_leech_stays_aside_when_answered_elsewhere_and_a_pass_does_not_count_a_lapse() -> None:
    scheduler = ReviewScheduler(InMemoryReviewStore(), leech_lapses=2)
    await scheduler.record(MEMBER, PROMPT, True, START)
    await scheduler.record(MEMBER, PROMPT, False, START)
    assert not (await scheduler.record(MEMBER, PROMPT, True, START)).leech
    assert (await scheduler.record(MEMBER, PROMPT, False, START)).leech
    assert (await scheduler.record(MEMBER, PROMPT, True, START)).leech  # e.g. the daily quiz: still aside
