from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.quiz.item import QuizItem
from bot.quiz.review_store import InMemoryReviewStore, MemberKey
from bot.quiz.scheduling import ReviewScheduler

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
MEMBER = MemberKey(guild_id=1, user_id=2)


def prompt(pid: str, topic: str) -> QuizItem:
    return QuizItem(pid, "cloze", f"Q {pid}?", "A", (), None, "notes.md", (topic,), 1, 1, topic)


PROMPTS = [prompt(f"{topic[0]}{i}", topic) for topic in ("Alpha", "Beta", "Gamma") for i in range(3)]
BY_ID = {p.id: p for p in PROMPTS}


@pytest.fixture
def scheduler() -> ReviewScheduler:
    return ReviewScheduler(InMemoryReviewStore(), seed=7)


async def test_new_prompts_are_taken_in_turn_from_each_topic(scheduler: ReviewScheduler) -> None:
    first = await scheduler.next_prompts(MEMBER, PROMPTS, START, 6)
    assert len({p.topic for p in first[:3]}) == 3 and len({p.topic for p in first[3:]}) == 3
    assert [p.id[1] for p in first] == ["0", "0", "0", "1", "1", "1"]  # notes order within a topic
    assert first == await ReviewScheduler(InMemoryReviewStore(), seed=7).next_prompts(MEMBER, PROMPTS, START, 6)


async def test_one_topic_only(scheduler: ReviewScheduler) -> None:
    chosen = await scheduler.next_prompts(MEMBER, PROMPTS, START, 10, topic="Beta")
    assert [p.id for p in chosen] == ["B0", "B1", "B2"]


async def test_due_reviews_come_first_most_overdue_first(scheduler: ReviewScheduler) -> None:
    await scheduler.record(MEMBER, PROMPTS[4], False, START)
    await scheduler.record(MEMBER, PROMPTS[0], False, START + timedelta(seconds=30))
    later = START + timedelta(hours=1)
    chosen = await scheduler.next_prompts(MEMBER, PROMPTS, later, 4)
    assert [p.id for p in chosen[:2]] == [PROMPTS[4].id, PROMPTS[0].id]
    assert all(p.id not in {PROMPTS[4].id, PROMPTS[0].id} for p in chosen[2:])
    assert await scheduler.due(MEMBER, BY_ID, later) == [PROMPTS[4], PROMPTS[0]]


async def test_a_failed_card_comes_back_sooner_than_a_passed_one(scheduler: ReviewScheduler) -> None:
    failed = await scheduler.record(MEMBER, PROMPTS[0], False, START)
    passed = await scheduler.record(MEMBER, PROMPTS[1], True, START)
    assert START < failed.due < passed.due
    again = await scheduler.record(MEMBER, PROMPTS[1], True, passed.due)
    assert again.due - passed.due > passed.due - START  # intervals grow with each pass


async def test_nothing_is_due_before_its_time_and_members_are_separate(scheduler: ReviewScheduler) -> None:
    await scheduler.record(MEMBER, PROMPTS[0], True, START)
    assert await scheduler.due(MEMBER, BY_ID, START) == []
    other = MemberKey(guild_id=1, user_id=3)
    assert PROMPTS[0] in await scheduler.next_prompts(other, PROMPTS, START, len(PROMPTS))


async def test_reviews_of_prompts_gone_from_the_notes_or_set_aside_are_not_due(scheduler: ReviewScheduler) -> None:
    gone = prompt("old", "Alpha")
    for failed in (gone, PROMPTS[0], PROMPTS[1]):
        await scheduler.record(MEMBER, failed, False, START)
    later = START + timedelta(hours=1)
    chosen = await scheduler.next_prompts(MEMBER, PROMPTS, later, 2)
    assert gone not in chosen and len(chosen) == 2
    assert await scheduler.due(MEMBER, BY_ID, later) == [PROMPTS[0], PROMPTS[1]]
    assert await scheduler.due(MEMBER, BY_ID, later, set_aside={PROMPTS[0].id}) == [PROMPTS[1]]
    assert PROMPTS[0] not in await scheduler.next_prompts(MEMBER, PROMPTS, later, 9, set_aside={PROMPTS[0].id})


async def test_naive_times_are_taken_as_utc(scheduler: ReviewScheduler) -> None:
    state = await scheduler.record(MEMBER, PROMPTS[0], True, START.replace(tzinfo=None))
    assert state.due.tzinfo is not None and state.due > START
