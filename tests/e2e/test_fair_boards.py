"""Fair scoring and boards through the service, with a moved clock: farming earns nothing, ties share a place,
managers hide members, and boards show streaks from the study days."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import FrozenClock
from bot.errors import NotAllowed, NotFound
from bot.quiz.item import QuizItem
from bot.quiz.review_store import MemberKey
from bot.service.types import Who
from bot.tutor import Tutor
from tests.conftest import typed_prompt
from tests.e2e.tutor_fixtures import OpenTutor

pytestmark = pytest.mark.asyncio(loop_scope="function")
GUILD = 77
ANA, BO, CY = Who(GUILD, 1, "ana"), Who(GUILD, 2, "bo"), Who(GUILD, 3, "cy")
BOSS = Who(GUILD, 9, "boss", is_manager=True)
DAY = timedelta(days=1)


async def answer_round(tutor: Tutor, who: Who, prompts: tuple[QuizItem, ...] | None = None) -> int:
    """Answer a fresh round correctly (or the given prompts, outside any round): the points earned."""
    if prompts is None:
        quiz = await tutor.start_quiz(who, length=3)
        return sum([(await tutor.answer(who, p.id, p.answer, quiz.round_id)).points for p in quiz.prompts])
    return sum([(await tutor.answer(who, p.id, p.answer)).points for p in prompts])


async def points(tutor: Tutor, who: Who, period: str = "all") -> int:
    rows = {row.user_id: row.points for row in (await tutor.leaderboard(who.guild_id, period)).rows}
    return rows.get(who.user_id, 0)


async def test_repeating_rounds_and_prompts_earns_nothing_extra(open_tutor: OpenTutor, clock: FrozenClock) -> None:
    tutor = await open_tutor()
    quiz = await tutor.start_quiz(ANA, length=3)
    first = sum([(await tutor.answer(ANA, p.id, p.answer, quiz.round_id)).points for p in quiz.prompts])
    assert first == 9  # three new prompts, 3 points each
    for _ in range(3):  # the same prompts again and again, in new rounds and outside any round
        assert await answer_round(tutor, ANA, quiz.prompts) == 0
    clock.advance(DAY)  # the next day, but the prompts are not due yet
    assert await answer_round(tutor, ANA, quiz.prompts) == 0
    review = await tutor.start_quiz(ANA, review=True)
    assert review.prompts == ()
    assert await points(tutor, ANA) == 9
    clock.advance(30 * DAY)  # due now: each review scores once that day
    review = await tutor.start_quiz(ANA, review=True, length=10)
    assert {p.id for p in review.prompts} == {p.id for p in quiz.prompts}
    earned = [(await tutor.answer(ANA, p.id, p.answer, review.round_id)).points for p in review.prompts]
    assert earned == [2, 2, 2]
    assert await answer_round(tutor, ANA, quiz.prompts) == 0
    assert await points(tutor, ANA) == 15
    assert (await tutor.stats(ANA)).points == 15


async def test_a_failed_prompt_scores_its_first_correct_recall_of_the_day_once(
    open_tutor: OpenTutor, clock: FrozenClock
) -> None:
    tutor = await open_tutor()
    prompt = typed_prompt(tutor.notes.default.prompts.values())
    assert (await tutor.answer(ANA, prompt.id, "certainly not this")).points == 0
    assert (await tutor.answer(ANA, prompt.id, prompt.answer)).points == 0  # not due again yet
    clock.advance(timedelta(hours=1))  # due again after its relearning step
    key = MemberKey(GUILD, ANA.user_id)
    assert await tutor.repos.reviews.due_ids(key, clock.now())
    assert (await tutor.answer(ANA, prompt.id, prompt.answer)).points == 3
    assert (await tutor.answer(ANA, prompt.id, "wrong again")).points == 0
    clock.advance(timedelta(hours=1))  # due again the same day, but recalled for points already
    assert await tutor.repos.reviews.due_ids(key, clock.now())
    assert (await tutor.answer(ANA, prompt.id, prompt.answer)).points == 0
    clock.advance(timedelta(days=1, hours=1))  # another day, due again: it scores again
    assert await tutor.repos.reviews.due_ids(key, clock.now())
    assert (await tutor.answer(ANA, prompt.id, prompt.answer)).points == 3


async def test_equal_points_share_a_place(open_tutor: OpenTutor) -> None:
    tutor = await open_tutor()
    prompts = tuple(tutor.notes.default.prompts.values())
    assert await answer_round(tutor, ANA, prompts[:2]) == 6
    assert await answer_round(tutor, BO, prompts[2:4]) == 6
    assert await answer_round(tutor, CY, prompts[4:5]) == 3
    board = await tutor.leaderboard(GUILD, "week")
    assert [(row.rank, row.name) for row in board.rows] == [(1, "ana"), (1, "bo"), (3, "cy")]


async def test_a_manager_hides_a_member_from_every_board(open_tutor: OpenTutor) -> None:
    tutor = await open_tutor()
    prompts = tuple(tutor.notes.default.prompts.values())
    await answer_round(tutor, ANA, prompts[:2])
    await answer_round(tutor, BO, prompts[:1])
    group = await tutor.create_group(BO, "Owls")
    await tutor.join_group(ANA, group.name)
    with pytest.raises(NotAllowed, match="Manage Server"):
        await tutor.hide_from_boards(BO, ANA.user_id)
    with pytest.raises(NotFound):
        await tutor.hide_from_boards(BOSS, 404)
    await tutor.hide_from_boards(BOSS, ANA.user_id)
    for period in ("week", "month", "all"):
        assert [row.name for row in (await tutor.leaderboard(GUILD, period)).rows] == ["bo"]
    assert [row.name for row in (await tutor.leaderboard(GUILD, "week", "Owls")).rows] == ["bo"]
    standing = (await tutor.group_board(GUILD)).rows[0]
    assert (standing.active_members, standing.points) == (1, 3)
    assert (await tutor.stats(ANA)).points == 6  # their own history stays
    await tutor.hide_from_boards(BOSS, ANA.user_id, hidden=False)
    assert [row.name for row in (await tutor.leaderboard(GUILD, "all")).rows] == ["ana", "bo"]


async def test_boards_show_streaks_and_periods_follow_the_servers_calendar(
    open_tutor: OpenTutor, clock: FrozenClock
) -> None:
    tutor = await open_tutor()
    prompts = iter(tutor.notes.default.prompts.values())
    for _ in range(3):
        await answer_round(tutor, ANA, (next(prompts),))
        clock.advance(DAY)
    await answer_round(tutor, BO, (next(prompts),))
    board = await tutor.leaderboard(GUILD, "week")
    assert board.streaks == {ANA.user_id: 3, BO.user_id: 1}
    assert (await tutor.streak(ANA)).current == 3
    clock.advance(7 * DAY)  # a new week: the week board starts empty, the month and all-time ones keep counting
    assert (await tutor.leaderboard(GUILD, "week")).rows == ()
    assert await points(tutor, ANA, "all") == 9
