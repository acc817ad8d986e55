"""Values the code allows fit the columns on PostgreSQL too (SQLite never checks sizes); what the code refuses is
refused at the edge with a clear message, before anything is written."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.errors import UnusableAnswer
from bot.quiz.grading import MAX_RESPONSE_LENGTH
from bot.quiz.item import QuizItem
from bot.quiz.review_store import MemberKey
from bot.tutor import Tutor
from tests.conftest import with_prompts
from tests.reliability.conftest import ALICE, BOB, GUILD, MANAGER, claim_today

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def sent_daily(tutor: Tutor, prompt: QuizItem) -> int:
    """Today's daily post of `prompt` (the only prompt the tutor knows, so the pick), sent."""
    await tutor.configure(MANAGER, daily_enabled=True, daily_channel_id=777, post_time="09:00")
    tutor.notes.default = with_prompts(tutor.notes.default, [prompt])
    daily = await claim_today(tutor)
    await tutor.daily_sent(daily.post, 1)
    return daily.post.id


def a_prompt(tutor: Tutor, typed: bool) -> QuizItem:
    """A prompt of the notes answered by typing (or by a choice)."""
    return next(p for p in tutor.notes.default.prompts.values() if (p.choices is None) == typed)


async def test_a_long_typed_daily_answer_is_graded_and_stored(tutor_on: Tutor) -> None:
    post_id = await sent_daily(tutor_on, a_prompt(tutor_on, typed=True))
    graded = await tutor_on.answer_daily(ALICE, post_id, "a considered answer " * 9)  # 180 characters
    assert not graded.correct
    assert (await tutor_on.repos.daily.results(post_id)).answered == 1


async def test_a_typed_answer_over_the_limit_is_refused_before_writing(tutor_on: Tutor) -> None:
    post_id = await sent_daily(tutor_on, a_prompt(tutor_on, typed=True))
    with pytest.raises(UnusableAnswer, match=f"at most {MAX_RESPONSE_LENGTH} characters"):
        await tutor_on.answer_daily(ALICE, post_id, "x" * (MAX_RESPONSE_LENGTH + 1))
    assert (await tutor_on.repos.daily.results(post_id)).answered == 0
    round_ = await tutor_on.start_quiz(BOB, length=1)
    with pytest.raises(UnusableAnswer):
        await tutor_on.answer(BOB, round_.prompts[0].id, "x" * 5000, round_.round_id)
    assert await tutor_on.repos.standings.member_tallies(GUILD, None, None) == []


async def test_a_long_choice_from_the_notes_is_stored_whole(tutor_on: Tutor) -> None:
    long_choice = "a choice the notes spell out at length " * 10
    prompt = a_prompt(tutor_on, typed=False)
    post_id = await sent_daily(tutor_on, replace(prompt, choices=(long_choice, *(prompt.choices or ()))))
    await tutor_on.answer_daily(ALICE, post_id, long_choice)
    assert (await tutor_on.repos.daily.results(post_id)).answered == 1


async def test_an_answer_on_a_section_with_a_very_long_heading_is_stored(tutor_on: Tutor) -> None:
    heading = "A heading that goes on and on about Amazon S3 storage classes " * 5  # over 300 characters
    prompt = replace(next(iter(tutor_on.notes.default.prompts.values())), id="long-heading", topic=heading)
    tutor_on.notes.default = with_prompts(tutor_on.notes.default, [*tutor_on.notes.default.prompts.values(), prompt])
    graded = await tutor_on.answer(ALICE, prompt.id, prompt.answer)
    assert graded.correct
    state = await tutor_on.repos.reviews.get(MemberKey(GUILD, ALICE.user_id), prompt.id)
    assert state is not None and state.topic == heading
