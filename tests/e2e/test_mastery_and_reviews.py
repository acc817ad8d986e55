"""Mastery and reviews through the service: mastery tells the truth after a fail, one definition of due."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import FrozenClock
from bot.pictures import mastery_text
from bot.pictures.mastery import MAX_TOPICS
from bot.service.picture_data import mastery_data
from bot.service.types import Who
from tests.e2e.tutor_fixtures import OpenTutor

pytestmark = pytest.mark.asyncio(loop_scope="function")
ANA = Who(77, 1, "ana")


async def test_stats_after_failing_a_topics_only_answered_question(open_tutor: OpenTutor) -> None:
    tutor = await open_tutor()
    prompt = next(iter(tutor.prompts.values()))
    assert not (await tutor.answer(ANA, prompt.id, "certainly not this")).correct
    stats = await tutor.stats(ANA)
    by_topic = {t.topic: t for t in stats.mastery}
    failed = by_topic.pop(prompt.topic)
    assert (failed.mastery, failed.studied) == (0.0, 1)
    assert all(t.studied == 0 for t in by_topic.values())
    assert stats.study_next == prompt.topic
    lines = mastery_text(mastery_data(stats)).splitlines()
    [marked] = [line for line in lines if "study next" in line]
    assert " 0%" in marked and "100%" not in "\n".join(lines)
    assert sum("not started" in line for line in lines) == min(len(by_topic), MAX_TOPICS - 1)


async def test_stats_count_of_due_reviews_is_what_review_finds(open_tutor: OpenTutor, clock: FrozenClock) -> None:
    tutor = await open_tutor()
    failed = list(tutor.prompts.values())[:4]
    for prompt in failed:
        await tutor.answer(ANA, prompt.id, "certainly not this")
    clock.advance(timedelta(hours=1))
    del tutor.prompts[failed[0].id]  # the notes were rebuilt without it
    stats = await tutor.stats(ANA)
    review = await tutor.start_quiz(ANA, length=20, review=True)
    assert stats.reviews_due == len(review.prompts) == 3
    assert {p.id for p in review.prompts} == {p.id for p in failed[1:]}
