"""The answer log, study times and the tallies leaderboards are ranked from."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.storage import GroupTally, MemberTally, Repositories
from tests.storage.conftest import T0, entry

pytestmark = pytest.mark.asyncio(loop_scope="function")
HOUR = timedelta(hours=1)


async def answer(repos: Repositories, user: int, *, correct: bool = True, points: int = 3, at: int = 0) -> None:
    """Log a quiz answer `at` hours after T0 in guild 1."""
    await repos.answers.record(entry(1, user, correct=correct, points=points, answered_at=T0 + at * HOUR))


async def test_study_times_are_utc_oldest_first_and_per_guild(repos: Repositories) -> None:
    await answer(repos, 5, at=2)
    await answer(repos, 5, at=-30)
    await repos.answers.record(entry(2, 5, kind="review", correct=False, points=0))
    assert await repos.answers.study_times(1, 5) == [T0 - 30 * HOUR, T0 + 2 * HOUR]


async def test_unknown_answer_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        entry(1, 1, kind="exam")


async def test_member_tallies_sum_points_within_half_open_period(repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    await repos.members.upsert(1, 6, "Bo")
    await repos.members.mark_left(1, 6)
    await answer(repos, 5, at=0)
    await answer(repos, 5, correct=False, points=0, at=1)
    await answer(repos, 5, at=10)  # == end: outside
    await answer(repos, 6, at=2)
    await answer(repos, 7, at=-1)  # before start; unknown member
    tallies = await repos.standings.member_tallies(1, T0, T0 + 10 * HOUR)
    assert sorted(tallies, key=lambda t: t.user_id) == [
        MemberTally(5, "Ada", False, 3, 1, 2),
        MemberTally(6, "Bo", True, 3, 1, 1),
    ]
    everything = await repos.standings.member_tallies(1, None, None)
    assert {t.user_id: t.points for t in everything} == {5: 6, 6: 3, 7: 3}


async def test_member_tallies_of_one_group(repos: Repositories) -> None:
    group = await repos.groups.create(1, "Owls", 5, T0)
    await answer(repos, 5)
    await answer(repos, 6)
    tallies = await repos.standings.member_tallies(1, None, None, group_id=group.id)
    assert [(t.user_id, t.display_name) for t in tallies] == [(5, None)]


async def test_group_tallies_count_active_members_and_their_points(repos: Repositories) -> None:
    owls = await repos.groups.create(1, "Owls", 5, T0)
    larks = await repos.groups.create(1, "Larks", 6, T0)
    empty = await repos.groups.create(1, "Empty", 9, T0)
    await repos.groups.leave(1, "Empty", 9)
    for user in (7, 8):
        await repos.groups.join(1, "Owls", user, T0)
    await repos.members.upsert(1, 8, "Gone")
    await repos.members.mark_left(1, 8)
    await repos.groups.join(1, "Larks", 5, T0)  # 5 is in both groups
    await answer(repos, 5, points=3)
    await answer(repos, 5, correct=False, points=0)
    await answer(repos, 6, points=10)
    await answer(repos, 8, points=100)  # left: not counted
    await answer(repos, 7, points=1, at=-5)  # before the period
    tallies = await repos.standings.group_tallies(1, T0, None)
    assert tallies == [
        GroupTally(owls.id, "Owls", 2, 3, 1, 2),
        GroupTally(larks.id, "Larks", 2, 13, 2, 3),
        GroupTally(empty.id, "Empty", 0, 0, 0, 0),
    ]


async def test_tallies_of_one_member_match_their_row_in_the_whole_board(repos: Repositories) -> None:
    for user, correct in ((1, True), (1, False), (2, True), (3, True), (3, True)):
        await answer(repos, user, correct=correct, points=3 if correct else 0)
    board = {t.user_id: t for t in await repos.standings.member_tallies(1, None, None)}
    for user in (1, 2, 3):
        assert await repos.standings.member_tallies(1, None, None, user_id=user) == [board[user]]
    assert await repos.standings.member_tallies(1, None, None, user_id=99) == []
