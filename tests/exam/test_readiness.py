"""The readiness rule, shown to members: stages from full mocks, domain mastery against the target; the drill mix."""

from __future__ import annotations

from bot.exam.drill import pick_drill
from bot.exam.marking import DomainScore, Marking
from bot.exam.readiness import GETTING_THERE, NOT_READY, READY, RULE, readiness
from bot.quiz.item import QuizItem

MASTERY = {"Development": 0.8, "Security": 0.55, "Deployment": 0.72}


def mock(*shares: tuple[int, int]) -> Marking:
    """A full mock with these (right, total) per domain."""
    domains = tuple(DomainScore(name, c, t) for name, (c, t) in zip(MASTERY, shares, strict=False))
    return Marking(sum(c for c, _ in shares), sum(t for _, t in shares), domains, ())


GOOD = mock((18, 20), (17, 20), (17, 20))  # 87%, every domain 85%+
WEAK_DOMAIN = mock((20, 20), (13, 20), (20, 20))  # 88% but Security 65%
SEVENTY = mock((14, 20), (14, 20), (14, 20))
SIXTY = mock((12, 20), (12, 20), (12, 20))


def test_no_full_mock_is_not_ready_and_the_rule_is_stated() -> None:
    ready = readiness([], MASTERY)
    assert ready.stage == NOT_READY and "No full mock exam yet" in ready.reasons[0]
    assert "80% or more on each of your last 3 full mocks" in RULE and "no domain under 70%" in RULE
    assert [(d.domain, d.below_target, d.last_mock) for d in ready.domains] == [
        ("Development", False, None),
        ("Security", True, None),
        ("Deployment", False, None),
    ]
    assert ready.weakest(2) == ["Security", "Deployment"]


def test_three_good_mocks_in_a_row_are_ready() -> None:
    ready = readiness([GOOD, GOOD, GOOD], MASTERY)
    assert ready.stage == READY and ready.full_mocks == (GOOD.share,) * 3
    assert ready.domains[0].last_mock == 0.9


def test_two_good_mocks_are_getting_there_and_say_one_more_is_needed() -> None:
    ready = readiness([GOOD, GOOD], MASTERY)
    assert ready.stage == GETTING_THERE and any("1 more full mock" in r for r in ready.reasons)


def test_a_domain_under_70_percent_in_any_of_the_three_keeps_it_from_ready() -> None:
    ready = readiness([GOOD, WEAK_DOMAIN, GOOD], MASTERY)
    assert ready.stage == GETTING_THERE and "Under 70% in: Security." in ready.reasons


def test_the_latest_mock_decides_between_getting_there_and_not_ready() -> None:
    assert readiness([SEVENTY, GOOD, GOOD], MASTERY).stage == GETTING_THERE
    assert readiness([SIXTY, GOOD, GOOD, GOOD], MASTERY).stage == NOT_READY  # only the last three count
    assert readiness([GOOD, GOOD, GOOD, SIXTY], MASTERY).stage == READY


def item(name: str) -> QuizItem:
    return QuizItem(name, "multiple_choice", f"{name}?", "a", ("a",), ("a", "b"), "n.md", ("T",), 1, 1, "T")


def test_drill_takes_turns_without_repeats_and_fills_from_what_is_left() -> None:
    misses = [item("m1"), item("m2"), item("shared")]
    weak = [item("w1"), item("shared"), item("w2"), item("w3")]
    leeches = [item("l1")]
    picked = [p.id for p in pick_drill(misses, weak, leeches, 7)]
    assert picked == ["m1", "w1", "l1", "m2", "shared", "w2", "w3"]
    assert [p.id for p in pick_drill(misses, weak, leeches, 2)] == ["m1", "w1"]
    assert pick_drill([], [], [], 5) == []
