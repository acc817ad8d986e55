"""Many daily answers in one transaction (group commit): the same rows and verdicts as one answer at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.progress.periods import ALL_TIME_START
from bot.quiz.review_store import MemberKey, ReviewState
from bot.storage import Database, Repositories, Totals
from bot.storage.answers import Recorded, ReviewStep
from bot.storage.daily_answers import DailyAnswer, DailyPostClosed
from tests.storage.conftest import T0
from tests.storage.faults import commit_ack_lost
from tests.storage.test_daily import sent_post

pytestmark = pytest.mark.asyncio(loop_scope="function")


def answer(user: int, request: str, correct: bool = True, name: str | None = None) -> DailyAnswer:
    return DailyAnswer(user, "A" if correct else "B", correct, 10 if correct else 0, T0, request, member_name=name)


def reviewed(user: int, request: str, prompt_id: str, lapses: int) -> DailyAnswer:
    """An answer whose review step counts one more lapse than the state stored before it."""

    def next_state(before: ReviewState | None) -> ReviewState:
        stored = 0 if before is None else before.lapses
        return ReviewState(MemberKey(1, user), prompt_id, "{}", T0 + timedelta(days=1), "topic", stored + lapses)

    step = ReviewStep(MemberKey(1, user), prompt_id, next_state)
    return DailyAnswer(user, "B", False, 0, T0, request, review=step)


async def test_a_batch_counts_each_member_once_and_settles_double_clicks_in_order(repos: Repositories) -> None:
    post = await sent_post(repos)
    first = await repos.daily.record_answer(
        post.id, 9, choice="A", correct=True, points=10, answered_at=T0, request_id="early"
    )
    batch = [
        answer(1, "r1", name="ann"),
        answer(2, "r2", correct=False),
        answer(1, "r1"),  # the same click retried within the batch
        answer(1, "r1b", correct=False),  # another click of the same member
        answer(9, "early"),  # a retry of an answer stored before the batch
        answer(9, "late", correct=False),  # a second answer after it
    ]
    outcomes = await repos.daily.record_answers(post.id, batch)
    statuses = [o.status if not isinstance(o, Exception) else o for o in outcomes]
    assert statuses == [
        Recorded.NEW,
        Recorded.NEW,
        Recorded.RETRIED,
        Recorded.TAKEN,
        Recorded.RETRIED,
        Recorded.TAKEN,
    ]
    assert not isinstance(outcomes[3], Exception) and (outcomes[3].correct, outcomes[3].points) == (True, 10)
    assert not isinstance(outcomes[5], Exception) and outcomes[5].correct == first.correct
    assert (await repos.daily.results(post.id)).answered == 3
    member = await repos.members.get(1, 1)
    assert member is not None and member.display_name == "ann"
    tallies = {t.user_id: t for t in await repos.standings.member_tallies(1, None, None)}
    assert {user: (t.points, t.answered) for user, t in tallies.items()} == {1: (10, 1), 2: (0, 1), 9: (10, 1)}
    for user, tally in tallies.items():  # the running totals and study days agree with the log
        assert await repos.standings.member_total(1, user, "all", ALL_TIME_START) == Totals(
            tally.points, tally.correct, tally.answered
        )
    assert await repos.standings.study_days(1, [1, 2]) == {1: {T0.date(): 1}, 2: {T0.date(): 1}}


async def test_a_batch_computes_each_review_from_the_state_stored_before_it(repos: Repositories) -> None:
    post = await sent_post(repos)
    prompt_id = post.prompt_id
    await repos.reviews.put(ReviewState(MemberKey(1, 1), prompt_id, "{}", T0, "topic", lapses=4))
    outcomes = await repos.daily.record_answers(
        post.id, [reviewed(1, "r1", prompt_id, 1), reviewed(2, "r2", prompt_id, 1)]
    )
    changes = [o.review for o in outcomes if not isinstance(o, Exception)]
    assert [(c.before is None, c.after.lapses) for c in changes if c is not None] == [(False, 5), (True, 1)]
    stored = {s.member.user_id: s.lapses for u in (1, 2) for s in await repos.reviews.states(MemberKey(1, u))}
    assert stored == {1: 5, 2: 1}


async def test_a_batch_whose_commit_acknowledgement_was_lost_is_retried_with_the_same_verdicts(
    database: Database, repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = await sent_post(repos)
    batch = [answer(user, f"click-{user}", correct=user % 2 == 0) for user in range(1, 21)]
    with commit_ack_lost(database, monkeypatch) as lost:
        outcomes = await repos.daily.record_answers(post.id, batch)
    assert lost == ["answers"]
    assert all(not isinstance(o, Exception) and o.status is Recorded.RETRIED for o in outcomes)
    assert [o.points for o in outcomes if not isinstance(o, Exception)] == [a.points for a in batch]
    assert (await repos.daily.results(post.id)).answered == 20
    assert sum(t.answered for t in await repos.standings.member_tallies(1, None, None)) == 20


async def test_a_revealed_post_gives_retries_their_verdict_and_refuses_the_rest(repos: Repositories) -> None:
    post = await sent_post(repos)
    await repos.daily.record_answers(post.id, [answer(1, "r1")])
    await repos.daily.mark_revealed(post.id)
    outcomes = await repos.daily.record_answers(post.id, [answer(1, "r1"), answer(2, "r2")])
    assert not isinstance(outcomes[0], Exception) and outcomes[0].status is Recorded.RETRIED
    assert isinstance(outcomes[1], DailyPostClosed)
    assert (await repos.daily.results(post.id)).answered == 1
    assert await repos.members.get(1, 2) is None  # refused before anything was written
