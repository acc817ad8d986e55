"""Points are never counted twice: fast clicks, several answer boxes, ended rounds and lost COMMIT
acknowledgements, through the service, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest

from bot.errors import NotAllowed, NotFound
from bot.quiz.review_store import MemberKey
from bot.service.types import DailyQuiz, QuizRound
from bot.tutor import Tutor
from tests.reliability.conftest import ALICE, BOB, GUILD, MANAGER, claim_today
from tests.storage.faults import commit_ack_lost

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def answered(tutor: Tutor) -> tuple[int, int]:
    """(answers stored, points) over the whole server."""
    tallies = await tutor.repos.standings.member_tallies(GUILD, None, None)
    return sum(t.answered for t in tallies), sum(t.points for t in tallies)


async def posted_daily(tutor: Tutor) -> DailyQuiz:
    """Today's daily quiz, switched on, claimed and sent."""
    await tutor.configure(MANAGER, daily_enabled=True, daily_channel_id=777, post_time="09:00")
    daily = await claim_today(tutor)
    await tutor.daily_sent(daily.post, 1)
    return daily


def responses(round_: QuizRound, index: int = 0) -> list[str]:
    """What a member may send for one question: every choice, else the answer and two wrong words."""
    prompt = round_.prompts[index]
    return list(prompt.choices or (prompt.answer, "wrong", "also wrong"))


async def test_fast_clicks_on_one_question_store_one_answer(tutor_on: Tutor) -> None:
    round_ = await tutor_on.start_quiz(ALICE, length=3)
    question = round_.prompts[0]
    clicks = [
        tutor_on.answer(ALICE, question.id, text, round_.round_id, f"click-{n}")
        for n, text in enumerate(responses(round_))
    ]
    outcomes = await asyncio.gather(*clicks, return_exceptions=True)
    assert sum(not isinstance(o, BaseException) for o in outcomes) == 1
    assert all(isinstance(o, NotAllowed) for o in outcomes if isinstance(o, BaseException))
    assert (await answered(tutor_on))[0] == 1


async def test_clicking_every_choice_in_turn_scores_only_the_first(tutor_on: Tutor) -> None:
    round_ = await tutor_on.start_quiz(ALICE, length=3)
    question = round_.prompts[0]
    first, *others = responses(round_)
    graded = await tutor_on.answer(ALICE, question.id, first, round_.round_id, "click-0")
    for n, text in enumerate(others, start=1):
        with pytest.raises(NotAllowed, match="already answered"):
            await tutor_on.answer(ALICE, question.id, text, round_.round_id, f"click-{n}")
    assert await answered(tutor_on) == (1, graded.points)


async def test_two_answer_boxes_for_the_last_question_score_once(tutor_on: Tutor) -> None:
    round_ = await tutor_on.start_quiz(ALICE, length=1)
    question = round_.prompts[0]
    both = await asyncio.gather(
        tutor_on.answer(ALICE, question.id, question.answer, round_.round_id, "box-1"),
        tutor_on.answer(ALICE, question.id, question.answer, round_.round_id, "box-2"),
        return_exceptions=True,
    )
    assert sum(not isinstance(o, BaseException) for o in both) == 1
    summary = await tutor_on.finish_round(ALICE, round_.round_id)
    with pytest.raises(NotFound, match="round has ended"):  # a third box, after the round closed
        await tutor_on.answer(ALICE, question.id, question.answer, round_.round_id, "box-3")
    assert await answered(tutor_on) == (1, summary.points)


async def test_a_question_outside_the_round_is_refused_before_writing(tutor_on: Tutor) -> None:
    round_ = await tutor_on.start_quiz(ALICE, length=1)
    elsewhere = next(p for p in tutor_on.notes.default.prompts.values() if p.id != round_.prompts[0].id)
    with pytest.raises(NotFound):
        await tutor_on.answer(ALICE, elsewhere.id, elsewhere.answer, round_.round_id, "click")
    assert await answered(tutor_on) == (0, 0)


async def test_lost_commit_acknowledgement_of_a_quiz_answer_counts_once_with_its_verdict(
    tutor_on: Tutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_ = await tutor_on.start_quiz(ALICE, length=2)
    question = round_.prompts[0]
    with commit_ack_lost(tutor_on.db, monkeypatch) as lost:
        graded = await tutor_on.answer(ALICE, question.id, question.answer, round_.round_id, "click-1")
    assert lost == ["answers"]
    assert graded.correct and graded.points > 0
    assert await answered(tutor_on) == (1, graded.points)


async def test_lost_commit_acknowledgement_of_a_daily_answer_still_shows_the_verdict(
    tutor_on: Tutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    daily = await posted_daily(tutor_on)
    with commit_ack_lost(tutor_on.db, monkeypatch) as lost:
        graded = await tutor_on.answer_daily(BOB, daily.post.id, daily.prompt.answer, "click-1")
    assert lost == ["answers"]
    assert graded.correct and graded.points > 0
    with pytest.raises(NotAllowed, match="already answered"):
        await tutor_on.answer_daily(BOB, daily.post.id, daily.prompt.answer, "click-2")
    assert (await tutor_on.repos.daily.results(daily.post.id)).answered == 1
    assert await answered(tutor_on) == (1, graded.points)


async def test_the_same_daily_request_retried_by_its_caller_gets_the_same_verdict(tutor_on: Tutor) -> None:
    daily = await posted_daily(tutor_on)
    first = await tutor_on.answer_daily(BOB, daily.post.id, daily.prompt.answer, "interaction-1")
    again = await tutor_on.answer_daily(BOB, daily.post.id, daily.prompt.answer, "interaction-1")
    assert (again.correct, again.points) == (first.correct, first.points)
    assert await answered(tutor_on) == (1, first.points)


async def test_a_daily_answer_is_one_transaction_that_records_the_member_and_their_review(
    tutor_on: Tutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    daily = await posted_daily(tutor_on)
    await tutor_on.answer_daily(ALICE, daily.post.id, daily.prompt.answer, "alice-1")  # reads the post once
    transactions = []
    real_run = tutor_on.db.run

    async def counted(work):  # type: ignore[no-untyped-def]
        transactions.append(work)
        return await real_run(work)

    monkeypatch.setattr(tutor_on.db, "run", counted)
    graded = await tutor_on.answer_daily(BOB, daily.post.id, "surely not the answer", "bob-1")
    assert len(transactions) == 2  # the member's exam day (a read: exam-aware reviews), then the whole answer
    assert "record_answer" in transactions[-1].__qualname__
    assert not graded.correct and graded.points == 0
    member = await tutor_on.repos.members.get(GUILD, BOB.user_id)
    assert member is not None and member.display_name == BOB.name
    [state] = await tutor_on.repos.reviews.states(MemberKey(GUILD, BOB.user_id))
    assert (state.prompt_id, state.lapses, state.last_correct) == (daily.prompt.id, 1, False)


async def test_a_daily_answer_after_the_reveal_is_refused_though_the_post_is_kept_in_memory(tutor_on: Tutor) -> None:
    daily = await posted_daily(tutor_on)
    await tutor_on.answer_daily(ALICE, daily.post.id, daily.prompt.answer, "alice-1")
    await tutor_on.daily_revealed(daily.post.id)
    with pytest.raises(NotAllowed, match="closed"):
        await tutor_on.answer_daily(BOB, daily.post.id, daily.prompt.answer, "bob-1")
    assert await tutor_on.repos.members.get(GUILD, BOB.user_id) is None  # refused before anything was written
    assert (await tutor_on.repos.daily.results(daily.post.id)).answered == 1
