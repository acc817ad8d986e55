"""Feedback on answers and the SQL review store."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.quiz.review_store import MemberKey, ReviewState
from bot.storage import FeedbackSummary, Repositories
from tests.storage.conftest import T0

pytestmark = pytest.mark.asyncio(loop_scope="function")
ADA = MemberKey(1, 2**60)


async def test_feedback_summary_per_guild_and_overall(repos: Repositories) -> None:
    for n, (guild, helpful) in enumerate(((1, True), (1, True), (1, False), (2, False))):
        await repos.feedback.record(guild, 5, f"m{n}", "What is S3?", helpful=helpful, chunk_ids=["c1"], created_at=T0)
    assert await repos.feedback.summary(1) == FeedbackSummary(helpful=2, unhelpful=1)
    assert await repos.feedback.summary() == FeedbackSummary(helpful=2, unhelpful=2)
    assert await repos.feedback.summary(3) == FeedbackSummary(helpful=0, unhelpful=0)


def state(prompt: str, due_in_hours: int, topic: str = "s3", member: MemberKey = ADA) -> ReviewState:
    return ReviewState(member, prompt, f'{{"card": "{prompt}"}}', T0 + timedelta(hours=due_in_hours), topic)


async def test_review_store_round_trip_and_replace(repos: Repositories) -> None:
    store = repos.reviews
    assert await store.get(ADA, "p1") is None
    await store.put(state("p1", 1))
    await store.put(state("p1", 5, topic="iam"))
    assert await store.get(ADA, "p1") == state("p1", 5, topic="iam")
    assert await store.seen(ADA) == {"p1"}
    assert await store.seen(MemberKey(2, ADA.user_id)) == set()


async def test_review_store_due_is_most_overdue_first_with_topic_and_no_leech(repos: Repositories) -> None:
    store = repos.reviews
    for prompt, hours, topic in (("a", -1, "s3"), ("b", -5, "iam"), ("c", -3, "s3"), ("d", 2, "s3")):
        await store.put(state(prompt, hours, topic))
    await store.put(replace(state("e", -7), lapses=8, last_correct=False, leech=True))
    await store.put(state("x", -9, member=MemberKey(1, 3)))
    assert await store.due_ids(ADA, T0) == ["b", "c", "a"]
    assert await store.due_ids(ADA, T0, topic="s3") == ["c", "a"]
    assert [s.prompt_id for s in await store.leeches(ADA)] == ["e"]


async def test_review_store_keeps_lapses_last_verdict_and_leech_flag(repos: Repositories) -> None:
    store = repos.reviews
    failed = replace(state("a", 1), lapses=3, last_correct=False, leech=True)
    await store.put(failed)
    await store.put(replace(state("b", 1), last_correct=True))
    assert await store.get(ADA, "a") == failed
    assert sorted(await store.states(ADA), key=lambda s: s.prompt_id) == [failed, await store.get(ADA, "b")]
    assert (await store.get(ADA, "b")) == replace(state("b", 1), last_correct=True)
    assert await store.states(MemberKey(2, ADA.user_id)) == []
