"""Role rewards: roles a server's managers attach to a goal, held while the goal holds.

Goals:
- `streak` N: a current study streak of at least N days (lost when the streak breaks);
- `points` N in a period (`week`, `month` or `all`): at least N points in the current period (a weekly or monthly
  goal is lost when the next period starts below it; all-time points are never lost);
- `season_winner` of `week` or `month`: placed first (ties share it) in the season just ended, until the next one;
- `domain_mastery` N of an exam domain: at least N per cent mastery of the domain (`bot.exam.domain_mastery`; lost
  when it falls below, e.g. after wrong answers, or when the notes gain prompts in the domain).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from bot.errors import InvalidInput
from bot.progress.periods import Period, parse_period

MAX_STREAK_DAYS = 3650
MAX_POINTS = 10_000_000
MAX_REWARDS_PER_SERVER = 25
MAX_MASTERY_PERCENT = 100


class RewardKind(StrEnum):
    STREAK = "streak"
    POINTS = "points"
    SEASON_WINNER = "season_winner"
    DOMAIN_MASTERY = "domain_mastery"


@dataclass(frozen=True)
class RewardGoal:
    """What a member must reach to hold a reward role: `amount` days, points or per cent of mastery of `domain`
    (0 for a season winner)."""

    kind: RewardKind
    amount: int
    period: str  # "all" for a streak or a mastery; the points' period; the season's period for a winner
    domain: str | None = None  # the exam domain of a mastery goal

    def describe(self) -> str:
        """The goal in words: "a 7-day streak", "100 points this month", "winning a week", "80% mastery of X"."""
        if self.kind is RewardKind.STREAK:
            return f"a {self.amount}-day streak"
        if self.kind is RewardKind.POINTS:
            when = {"week": "in a week", "month": "in a month", "all": "in all"}[self.period]
            return f"{self.amount} points {when}"
        if self.kind is RewardKind.DOMAIN_MASTERY:
            return f"{self.amount}% mastery of {self.domain}"
        return f"winning a {self.period}"


def reward_goal(
    kind: str,
    amount: int | None = None,
    period: str | None = None,
    domain: str | None = None,
    domains: Collection[str] = (),
) -> RewardGoal:
    """A valid goal from a manager's choices; InvalidInput says what is missing or out of range.

    A mastery goal names one of `domains` (the exam's domains; any letter case) and a per cent from 1 to 100.
    """
    try:
        chosen = RewardKind(kind.strip().lower())
    except ValueError:
        raise InvalidInput(
            f"{kind!r} is not a reward; choose streak, points, season_winner or domain_mastery."
        ) from None
    if chosen is RewardKind.DOMAIN_MASTERY:
        return _mastery_goal(amount, domain, domains)
    if chosen is RewardKind.SEASON_WINNER:
        season = parse_period(period or "week")
        if season is Period.ALL:
            raise InvalidInput("Seasons are weeks or months: choose period week or month for a season winner.")
        return RewardGoal(chosen, 0, season.value)
    limit = MAX_STREAK_DAYS if chosen is RewardKind.STREAK else MAX_POINTS
    unit = "days" if chosen is RewardKind.STREAK else "points"
    if amount is None or not 1 <= amount <= limit:
        raise InvalidInput(f"A {chosen.value} reward needs an amount of {unit} from 1 to {limit:,}.")
    if chosen is RewardKind.STREAK:
        return RewardGoal(chosen, amount, Period.ALL.value)
    return RewardGoal(chosen, amount, parse_period(period or "all").value)


def _mastery_goal(amount: int | None, domain: str | None, domains: Collection[str]) -> RewardGoal:
    listed = ", ".join(domains) or "none: these notes define no exam domains"
    wanted = (domain or "").strip().casefold()
    named = next((d for d in domains if d.casefold() == wanted), None)
    if named is None:
        asked = f"{domain.strip()!r} is not an exam domain" if wanted and domain else "Name the exam domain"
        raise InvalidInput(f"{asked}; the domains are: {listed}.")
    if amount is None or not 1 <= amount <= MAX_MASTERY_PERCENT:
        raise InvalidInput("A domain_mastery reward needs an amount: the per cent of mastery, 1 to 100.")
    return RewardGoal(RewardKind.DOMAIN_MASTERY, amount, Period.ALL.value, named)
