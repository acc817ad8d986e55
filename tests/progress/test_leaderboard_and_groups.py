"""Member and group leaderboards, and study-group rules."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.errors import InvalidInput, NotAllowed
from bot.progress.groups import MAX_NAME_LENGTH, ensure_can_manage, valid_group_name
from bot.progress.leaderboard import GroupStanding, LeaderboardRow, rank_groups, rank_members


@dataclass(frozen=True)
class Tally:
    user_id: int
    points: int
    correct: int
    answered: int = 10
    display_name: str | None = "x"


@dataclass(frozen=True)
class Group:
    group_id: int
    name: str
    active_members: int
    points: int
    correct: int = 0
    answered: int = 0


def test_members_ordered_by_points_then_correct_then_user_id_and_equal_points_share_a_place() -> None:
    tallies = [Tally(4, 10, 3), Tally(3, 10, 5), Tally(2, 30, 9), Tally(1, 10, 3), Tally(7, 4, 4)]
    rows = rank_members(tallies)
    assert [(r.rank, r.user_id) for r in rows] == [(1, 2), (2, 3), (2, 1), (2, 4), (5, 7)]
    assert rows[0] == LeaderboardRow(1, 2, "x", 30, 9, 10)
    assert rank_members(reversed(tallies)) == rows
    assert [(r.rank, r.user_id) for r in rank_members(tallies, limit=3)] == [(1, 2), (2, 3), (2, 1)]


def test_ties_at_the_top_share_first_place() -> None:
    rows = rank_members([Tally(1, 50, 5), Tally(2, 50, 5), Tally(3, 40, 4)])
    assert [r.rank for r in rows] == [1, 1, 3]


def test_empty_leaderboards() -> None:
    assert rank_members([]) == []
    assert rank_groups([Group(1, "Ghosts", 0, 0)]) == []


def test_groups_ranked_per_active_member_so_size_does_not_win() -> None:
    big = Group(1, "Big", active_members=10, points=200)  # 20 per member
    small = Group(2, "Small", active_members=2, points=60)  # 30 per member
    standings = rank_groups([big, small])
    assert [s.name for s in standings] == ["Small", "Big"]
    assert standings[0] == GroupStanding(1, 2, "Small", 2, 60, 30.0, 0, 0)


def test_groups_with_equal_points_per_member_share_a_place_ordered_by_total_then_name() -> None:
    groups = [Group(3, "beta", 2, 20), Group(1, "Alpha", 2, 20), Group(2, "Gamma", 4, 40), Group(4, "Low", 1, 1)]
    assert [(s.rank, s.group_id) for s in rank_groups(groups)] == [(1, 2), (1, 1), (1, 3), (4, 4)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Night   Owls ", "Night Owls"),
        ("AWS-Devs & Co.", "AWS-Devs & Co."),
        ("Équipe 2", "Équipe 2"),
        ("学习组", "学习组"),
    ],
)
def test_valid_group_names_are_tidied(raw: str, expected: str) -> None:
    assert valid_group_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "at least"),
        ("A", "at least"),
        ("x" * (MAX_NAME_LENGTH + 1), "at most"),
        ("@everyone", "start with a letter"),
        ("owls*", "only letters"),
        ("-owls", "start with a letter"),
        ("owls\nbad", None),
    ],
)
def test_bad_group_names_get_friendly_errors(raw: str, message: str | None) -> None:
    if message is None:  # a newline is collapsed like any space, so this one is accepted as "owls bad"
        assert valid_group_name(raw) == "owls bad"
        return
    with pytest.raises(InvalidInput, match=message):
        valid_group_name(raw)


def test_only_owner_or_manager_may_manage_a_group() -> None:
    ensure_can_manage(1, 1, is_manager=False)
    ensure_can_manage(2, 1, is_manager=True)
    with pytest.raises(NotAllowed, match="owner"):
        ensure_can_manage(2, 1, is_manager=False)
