"""Reward roles and the grants the bot made, and the candidate queries the rewards read (both databases)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.progress.periods import ALL_TIME_START
from bot.storage import Repositories, RoleReward
from tests.storage.conftest import DAY0, T0, entry

pytestmark = pytest.mark.asyncio(loop_scope="function")


def reward(role_id: int, kind: str = "streak", amount: int = 7, name: str = "Streaker") -> RoleReward:
    return RoleReward(1, role_id, name, kind, amount, "all", None, T0)


async def test_rewards_are_saved_replaced_listed_and_their_problem_kept_until_saved_again(repos: Repositories) -> None:
    await repos.rewards.save(reward(10, name="Zed " + "z" * 150))
    await repos.rewards.save(reward(11, "points", 100, "Achiever"))
    await repos.rewards.save(RoleReward(2, 12, "Elsewhere", "season_winner", 0, "week", None, T0))
    await repos.rewards.set_problem(1, 10, "My highest role is below it")
    listed = await repos.rewards.list_rewards(1)
    assert [(r.role_id, r.role_name[:4], len(r.role_name), r.problem) for r in listed] == [
        (11, "Achi", 8, None),
        (10, "Zed ", 100, "My highest role is below it"),
    ]
    await repos.rewards.save(reward(10, amount=30))
    assert [(r.amount, r.problem) for r in await repos.rewards.list_rewards(1) if r.role_id == 10] == [(30, None)]
    assert [r.guild_id for r in await repos.rewards.list_rewards()] == [1, 1, 2]


async def test_grants_are_remembered_once_forgotten_and_returned_when_the_reward_goes(repos: Repositories) -> None:
    await repos.rewards.save(reward(10))
    for _ in range(2):
        await repos.rewards.granted(1, 10, 5, T0)
    await repos.rewards.granted(1, 10, 6, T0)
    await repos.rewards.granted(1, 11, 6, T0)  # another role
    assert await repos.rewards.holders(1) == {10: {5, 6}, 11: {6}}
    await repos.rewards.taken(1, 10, 6)
    await repos.rewards.taken(1, 10, 6)
    assert await repos.rewards.holders(1) == {10: {5}, 11: {6}}
    assert await repos.rewards.remove(1, 10) == [5]
    assert await repos.rewards.remove(1, 10) is None
    assert await repos.rewards.holders(1) == {11: {6}}


async def test_candidates_are_visible_members_reaching_the_points_or_studying_lately(repos: Repositories) -> None:
    for user, name in ((5, "Ada"), (6, "Bo"), (7, "Hal")):
        await repos.members.upsert(1, user, name)
    await repos.members.set_hidden(1, 7, True)
    for user, prompt, days in ((5, "p", 0), (5, "q", 0), (6, "p", -10), (7, "p", 0), (7, "q", 0)):
        await repos.answers.record(entry(1, user, prompt, answered_at=T0 + timedelta(days=days)))
    assert await repos.standings.reaching(1, "all", ALL_TIME_START, 6) == {5}
    assert await repos.standings.reaching(1, "all", ALL_TIME_START, 3) == {5, 6}
    assert await repos.standings.studied_since(1, DAY0 - timedelta(days=5)) == {5}
    assert await repos.standings.zones(1, [5, 6, 99]) == {5: (None, None), 6: (None, None)}
