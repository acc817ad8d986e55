"""Leaderboards of members and of study groups from per-period tallies.

Equal scores share a place and the next place skips (1, 1, 3): points for members, points per active member for
groups. Within a shared place the order is only for display, and always the same.

Members: ordered by points (desc), then correct answers (desc), then user id (asc). Who is shown (members who
left or were hidden by a manager are not) is decided before ranking.

Groups: ordered by points per active member (desc), so a big group cannot win by size alone; then total
points (desc), then name (case-insensitive), then group id. Groups without active members are hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol, TypeVar

T = TypeVar("T")


class Totals(Protocol):
    """Summed answers within a period."""

    @property
    def points(self) -> int: ...
    @property
    def correct(self) -> int: ...
    @property
    def answered(self) -> int: ...


class MemberTotals(Totals, Protocol):
    """What storage's BoardRow provides."""

    @property
    def user_id(self) -> int: ...
    @property
    def display_name(self) -> str | None: ...


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


def shared_ranks(ordered: Sequence[T], score: Callable[[T], object]) -> list[int]:
    """The place of each item of a best-first sequence: equal scores share a place, the next skips (1, 1, 3)."""
    ranks: list[int] = []
    for position, item in enumerate(ordered, start=1):
        tied = position > 1 and score(item) == score(ordered[position - 2])
        ranks.append(ranks[-1] if tied else position)
    return ranks


def rank_members(tallies: Iterable[MemberTotals], limit: int | None = None) -> list[LeaderboardRow]:
    """The member leaderboard of the members given, best first, at most `limit` rows."""
    ordered = sorted(tallies, key=lambda t: (-t.points, -t.correct, t.user_id))[:limit]
    ranks = shared_ranks(ordered, lambda t: t.points)
    return [
        LeaderboardRow(rank, t.user_id, t.display_name, t.points, t.correct, t.answered)
        for rank, t in zip(ranks, ordered, strict=True)
    ]


def rank_groups(tallies: Iterable[GroupTotals], limit: int | None = None) -> list[GroupStanding]:
    """The group leaderboard by points per active member, best first, at most `limit` rows."""
    active = [t for t in tallies if t.active_members > 0]
    ordered = sorted(
        active,
        key=lambda t: (-Fraction(t.points, t.active_members), -t.points, t.name.casefold(), t.group_id),
    )[:limit]
    ranks = shared_ranks(ordered, lambda t: Fraction(t.points, t.active_members))
    return [
        GroupStanding(
            rank, t.group_id, t.name, t.active_members, t.points, t.points / t.active_members, t.correct, t.answered
        )
        for rank, t in zip(ranks, ordered, strict=True)
    ]
