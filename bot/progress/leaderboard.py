"""Leaderboards of members and of study groups from per-period tallies.

Members: ordered by points (desc), then correct answers (desc), then user id (asc) so that equal scores
always come out in the same order; ranks are positions 1, 2, 3... Members who left the server are hidden.

Groups: ordered by points per active member (desc), so a big group cannot win by size alone; then total
points (desc), then name (case-insensitive), then group id. Groups without active members are hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol


class Totals(Protocol):
    """Summed answers within a period."""

    @property
    def points(self) -> int: ...
    @property
    def correct(self) -> int: ...
    @property
    def answered(self) -> int: ...


class MemberTotals(Totals, Protocol):
    """What storage's MemberTally provides."""

    @property
    def user_id(self) -> int: ...
    @property
    def display_name(self) -> str | None: ...
    @property
    def has_left(self) -> bool: ...


class GroupTotals(Totals, Protocol):
    """What storage's GroupTally provides."""

    @property
    def group_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def active_members(self) -> int: ...


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int
    user_id: int
    name: str | None  # None when the member's name was never recorded
    points: int
    correct: int
    answered: int


@dataclass(frozen=True)
class GroupStanding:
    rank: int
    group_id: int
    name: str
    active_members: int
    points: int
    points_per_member: float
    correct: int
    answered: int


def rank_members(tallies: Iterable[MemberTotals], limit: int | None = None) -> list[LeaderboardRow]:
    """The member leaderboard (members who left hidden), best first, at most `limit` rows."""
    visible = sorted((t for t in tallies if not t.has_left), key=lambda t: (-t.points, -t.correct, t.user_id))[:limit]
    return [
        LeaderboardRow(rank, t.user_id, t.display_name, t.points, t.correct, t.answered)
        for rank, t in enumerate(visible, start=1)
    ]


def rank_groups(tallies: Iterable[GroupTotals], limit: int | None = None) -> list[GroupStanding]:
    """The group leaderboard by points per active member, best first, at most `limit` rows."""
    active = [t for t in tallies if t.active_members > 0]
    ordered = sorted(
        active,
        key=lambda t: (-Fraction(t.points, t.active_members), -t.points, t.name.casefold(), t.group_id),
    )[:limit]
    return [
        GroupStanding(
            rank, t.group_id, t.name, t.active_members, t.points, t.points / t.active_members, t.correct, t.answered
        )
        for rank, t in enumerate(ordered, start=1)
    ]
