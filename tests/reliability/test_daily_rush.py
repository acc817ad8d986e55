"""A server answering its daily quiz at once: the answers share one read of the post and a few transactions (group
commit), each member is counted once with their own verdict, and a batch that fails loses nobody's answer. SQLite
and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

import bot.storage.daily_answers as daily_answers
from bot.errors import NotAllowed
from bot.quiz.review_store import MemberKey, ReviewState
from bot.service.types import DailyQuiz, Who
from bot.storage.daily_answers import DailyAnswer
from bot.tutor import Tutor
from tests.reliability.conftest import GUILD
from tests.reliability.test_answer_idempotency import answered, posted_daily

pytestmark = pytest.mark.asyncio(loop_scope="function")
MEMBERS = 60


TWICE = range(1, MEMBERS + 1, 5)  # the members who click a second time


async def rush(tutor: Tutor, post_id: int, right: str) -> list[bool]:
    """Every member answers (even ids right, odd ids wrong), every fifth clicks a second time: which clicks were
    counted."""

    async def click(user_id: int, request: str) -> bool:
        response = right if user_id % 2 == 0 else "surely not the answer"
        try:
            await tutor.answer_daily(Who(GUILD, user_id, f"member {user_id}"), post_id, response, request)
        except NotAllowed:
            return False
        return True

    clicks = [click(u, f"click-{u}") for u in range(1, MEMBERS + 1)]
    clicks += [click(u, f"again-{u}") for u in TWICE]
    return list(await asyncio.gather(*clicks))


def counted_once(clicks: list[bool]) -> bool:
    """Whether each member had exactly one click counted (racing batches may count either of two clicks)."""
    per_member = dict.fromkeys(range(1, MEMBERS + 1), 0)
    for user, counted in zip([*range(1, MEMBERS + 1), *TWICE], clicks, strict=True):
        per_member[user] += counted
    return set(per_member.values()) == {1}


async def test_a_rush_shares_a_few_transactions_and_counts_every_member_once(
    tutor_on: Tutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    daily = await posted_daily(tutor_on)
    batches: list[int] = []
    real = tutor_on.repos.daily.record_answers

    async def counted(post_id: int, answers: Sequence[DailyAnswer]) -> list[object]:
        batches.append(len(answers))
        return list(await real(post_id, answers))

    monkeypatch.setattr(tutor_on.repos.daily, "record_answers", counted)
    post_reads = []
    real_read = tutor_on.daily.quiz

    async def read_post(post_id: int) -> DailyQuiz:
        post_reads.append(post_id)
        return await real_read(post_id)

    monkeypatch.setattr(tutor_on.daily, "quiz", read_post)
    counted_clicks = await rush(tutor_on, daily.post.id, daily.prompt.answer)
    assert post_reads == [daily.post.id]  # the whole rush shared one read of the post
    assert counted_once(counted_clicks)
    assert sum(batches) == MEMBERS + len(TWICE) and len(batches) < MEMBERS // 4
    results = await tutor_on.repos.daily.results(daily.post.id)
    assert (results.answered, results.correct) == (MEMBERS, MEMBERS // 2)
    assert (await answered(tutor_on))[0] == MEMBERS
    [state] = await tutor_on.repos.reviews.states(MemberKey(GUILD, 3))
    assert (state.prompt_id, state.lapses, state.last_correct) == (daily.prompt.id, 1, False)


async def test_a_failing_batch_is_written_again_one_answer_at_a_time(
    tutor_on: Tutor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    daily = await posted_daily(tutor_on)
    real_put_reviews = daily_answers.put_reviews

    async def fails_for_batches(session: object, states: list[ReviewState]) -> None:
        if len(states) > 1:  # a bug that only a batch meets
            raise RuntimeError("boom")
        await real_put_reviews(session, states)  # type: ignore[arg-type]

    monkeypatch.setattr(daily_answers, "put_reviews", fails_for_batches)
    counted_clicks = await rush(tutor_on, daily.post.id, daily.prompt.answer)
    assert counted_once(counted_clicks)
    assert (await tutor_on.repos.daily.results(daily.post.id)).answered == MEMBERS
    assert (await answered(tutor_on))[0] == MEMBERS
    assert "writing them one by one" in caplog.text
