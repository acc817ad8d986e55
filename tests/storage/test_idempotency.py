"""Answers and votes are stored once per idempotency key: retries (even after a lost COMMIT acknowledgement) get the
first write's verdict, other requests with the same key are refused before writing, votes replace each other."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.quiz.review_store import MemberKey, ReviewState
from bot.storage import Database, FeedbackSummary, Repositories
from bot.storage.answers import Recorded
from bot.storage.daily_answers import DailyPostClosed
from tests.storage.conftest import T0, claim_post, entry
from tests.storage.faults import commit_ack_lost

pytestmark = pytest.mark.asyncio(loop_scope="function")


def review(due_hours: int) -> ReviewState:
    return ReviewState(MemberKey(1, 5), "p", "{}", T0 + timedelta(hours=due_hours), "S3")


async def answered(repos: Repositories, guild: int = 1) -> int:
    return sum(t.answered for t in await repos.standings.member_tallies(guild, None, None))


async def test_a_repeated_request_gets_the_first_verdict_and_another_request_is_refused(repos: Repositories) -> None:
    first = await repos.answers.record(entry(1, 5, key="round:r1:p", request_id="click-1"), review(1))
    assert (first.status, first.correct, first.points) == (Recorded.NEW, True, 3)
    again = await repos.answers.record(entry(1, 5, key="round:r1:p", request_id="click-1", correct=False, points=0))
    assert (again.status, again.correct, again.points) == (Recorded.RETRIED, True, 3)
    other = await repos.answers.record(entry(1, 5, key="round:r1:p", request_id="click-2", correct=False), review(9))
    assert other.status is Recorded.TAKEN and not other.counted
    assert await answered(repos) == 1
    assert (await repos.reviews.get(MemberKey(1, 5), "p")).due == T0 + timedelta(hours=1)  # type: ignore[union-attr]


async def test_concurrent_answers_with_one_key_store_one(repos: Repositories) -> None:
    outcomes = await asyncio.gather(
        *(repos.answers.record(entry(1, 5, key="round:r1:p", request_id=f"click-{n}")) for n in range(12))
    )
    assert [o.status for o in outcomes].count(Recorded.NEW) == 1
    assert await answered(repos) == 1


async def test_lost_commit_acknowledgement_is_retried_without_a_second_answer(
    database: Database, repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    with commit_ack_lost(database, monkeypatch) as lost:
        outcome = await repos.answers.record(entry(1, 5, key="round:r1:p", request_id="click-1"))
    assert lost == ["answers"]
    assert outcome.status is Recorded.RETRIED and outcome.counted and outcome.points == 3
    assert await answered(repos) == 1


async def test_lost_commit_acknowledgement_of_a_daily_answer_returns_its_verdict(
    database: Database, repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = await claim_post(repos, reveal_at=T0 + timedelta(hours=1))
    await repos.daily.set_message_id(post.id, 9)
    with commit_ack_lost(database, monkeypatch) as lost:
        outcome = await repos.daily.record_answer(
            post.id, 5, choice="A", correct=True, points=10, answered_at=T0, request_id="click-1"
        )
    assert lost == ["answers"]
    assert (outcome.status, outcome.correct, outcome.points) == (Recorded.RETRIED, True, 10)
    second = await repos.daily.record_answer(
        post.id, 5, choice="B", correct=False, points=0, answered_at=T0, request_id="click-2"
    )
    assert second.status is Recorded.TAKEN
    assert (await repos.daily.results(post.id)).answered == 1
    assert await answered(repos) == 1


async def test_a_revealed_daily_post_refuses_answers_before_writing(repos: Repositories) -> None:
    post = await claim_post(repos)
    await repos.daily.set_message_id(post.id, 9)
    await repos.daily.mark_revealed(post.id)
    with pytest.raises(DailyPostClosed):
        await repos.daily.record_answer(post.id, 5, choice="A", correct=True, points=10, answered_at=T0, request_id="r")
    assert (await repos.daily.results(post.id)).answered == 0
    assert await answered(repos) == 0


async def test_one_feedback_vote_per_member_and_answer_which_they_may_change(repos: Repositories) -> None:
    for click in range(15):
        await repos.feedback.record(
            1, 5, "msg-1", "What is S3?", helpful=click % 2 == 0, chunk_ids=["c"], created_at=T0
        )
    assert await repos.feedback.summary(1) == FeedbackSummary(helpful=1, unhelpful=0)  # the 15th vote: helpful
    await repos.feedback.record(1, 5, "msg-1", "What is S3?", helpful=False, chunk_ids=["c"], created_at=T0)
    await repos.feedback.record(1, 6, "msg-1", "What is S3?", helpful=True, chunk_ids=["c"], created_at=T0)
    await repos.feedback.record(1, 5, "msg-2", "What is IAM?", helpful=True, chunk_ids=[], created_at=T0)
    assert await repos.feedback.summary(1) == FeedbackSummary(helpful=2, unhelpful=1)


async def test_a_daily_problem_whose_commit_ack_was_lost_is_still_to_be_told(
    database: Database, repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    with commit_ack_lost(database, monkeypatch, "daily_problems") as lost:
        await repos.daily_problems.report(1, 555, "refused", T0)
    assert lost == ["daily_problems"]
    assert [(p.guild_id, p.problem) for p in await repos.daily_problems.untold()] == [(1, "refused")]
