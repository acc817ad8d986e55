"""Reward goals from a manager's choices: the defaults, and a friendly error for every bad one."""

from __future__ import annotations

import pytest

from bot.errors import InvalidInput
from bot.progress.rewards import MAX_POINTS, MAX_STREAK_DAYS, RewardGoal, RewardKind, reward_goal


@pytest.mark.parametrize(
    ("choices", "goal", "words"),
    [
        (("streak", 7, None), RewardGoal(RewardKind.STREAK, 7, "all"), "a 7-day streak"),
        ((" Streak ", 30, "week"), RewardGoal(RewardKind.STREAK, 30, "all"), "a 30-day streak"),
        (("points", 100, None), RewardGoal(RewardKind.POINTS, 100, "all"), "100 points in all"),
        (("points", 50, "MONTH"), RewardGoal(RewardKind.POINTS, 50, "month"), "50 points in a month"),
        (("season_winner", None, None), RewardGoal(RewardKind.SEASON_WINNER, 0, "week"), "winning a week"),
        (("season_winner", 5, "month"), RewardGoal(RewardKind.SEASON_WINNER, 0, "month"), "winning a month"),
    ],
)
def test_valid_goals_and_their_words(choices: tuple[str, int | None, str | None], goal: RewardGoal, words: str) -> None:
    made = reward_goal(*choices)
    assert (made, made.describe()) == (goal, words)


@pytest.mark.parametrize(
    ("choices", "says"),
    [
        (("badge", 3, None), "not a reward"),
        (("streak", None, None), "amount of days"),
        (("streak", 0, None), "from 1 to"),
        (("streak", MAX_STREAK_DAYS + 1, None), "from 1 to"),
        (("points", MAX_POINTS + 1, None), "from 1 to"),
        (("points", 10, "decade"), "period"),
        (("season_winner", None, "all"), "week or month"),
    ],
)
def test_bad_goals_are_refused_saying_why(choices: tuple[str, int | None, str | None], says: str) -> None:
    with pytest.raises(InvalidInput, match=says):
        reward_goal(*choices)


DOMAINS = ("Design", "Security and Compliance")


def test_a_domain_mastery_goal_names_a_domain_in_any_case_and_a_per_cent() -> None:
    goal = reward_goal("domain_mastery", 80, None, "security AND compliance ", DOMAINS)
    assert goal == RewardGoal(RewardKind.DOMAIN_MASTERY, 80, "all", "Security and Compliance")
    assert goal.describe() == "80% mastery of Security and Compliance"


@pytest.mark.parametrize(
    ("amount", "domain", "domains", "says"),
    [
        (80, None, DOMAINS, "Name the exam domain; the domains are: Design, Security and Compliance"),
        (80, "Cooking", DOMAINS, "'Cooking' is not an exam domain"),
        (80, "Design", (), "define no exam domains"),
        (None, "Design", DOMAINS, "per cent of mastery, 1 to 100"),
        (0, "Design", DOMAINS, "1 to 100"),
        (101, "Design", DOMAINS, "1 to 100"),
    ],
)
def test_bad_domain_mastery_goals_are_refused_saying_why(
    amount: int | None, domain: str | None, domains: tuple[str, ...], says: str
) -> None:
    with pytest.raises(InvalidInput, match=says):
        reward_goal("domain_mastery", amount, None, domain, domains)
