"""Ranking, NOT inversion, answer shares and abstention from per-option support (no model needed)."""

from __future__ import annotations

import pytest

from bot.knowledge.practice.scoring import decide


def test_highest_support_ranks_first() -> None:
    verdict = decide([1.0, 3.0, 2.0], select=1, negated=False, stem_similarity=0.7, found_shares=[1, 1, 1])
    assert verdict.ranking == (1, 2, 0)
    assert not verdict.abstained


def test_not_question_inverts_the_ranking() -> None:
    verdict = decide([1.0, 3.0, 2.0], select=1, negated=True, stem_similarity=0.7, found_shares=[1, 1, 1])
    assert verdict.ranking == (0, 2, 1)
    assert max(range(3), key=lambda i: verdict.scores[i]) == 0


def test_shares_follow_the_ranking_and_sum_to_one() -> None:
    verdict = decide([2.5, 0.5, 2.0, 1.0], select=2, negated=False, stem_similarity=0.7, found_shares=[1] * 4)
    assert sum(verdict.scores) == pytest.approx(1.0, abs=1e-3)
    assert list(verdict.ranking) == sorted(range(4), key=lambda i: -verdict.scores[i])


def test_more_support_and_a_wider_margin_mean_more_confidence() -> None:
    weak = decide([1.6, 1.0, 0.8], select=1, negated=False, stem_similarity=0.7, found_shares=[1] * 3)
    strong = decide([3.2, 1.0, 0.8], select=1, negated=False, stem_similarity=0.7, found_shares=[1] * 3)
    assert 0 < weak.confidence < strong.confidence < 1


@pytest.mark.parametrize(
    ("support", "stem_similarity", "found", "reason"),
    [
        ([3.0, 1.0], 0.2, [1.0, 1.0], "do not seem to cover"),
        ([3.0, 1.0], 0.7, [0.0, 1.0], "never mention"),
        ([2.0, 2.0], 0.7, [1.0, 1.0], "about equally"),
        ([0.9, 0.5], 0.7, [1.0, 1.0], "only weakly"),
    ],
)
def test_abstains_with_a_reason(support: list[float], stem_similarity: float, found: list[float], reason: str) -> None:
    verdict = decide(support, select=1, negated=False, stem_similarity=stem_similarity, found_shares=found)
    assert verdict.abstained
    assert reason in verdict.reason
