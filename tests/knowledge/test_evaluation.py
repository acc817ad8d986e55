"""Evaluation helpers on tiny synthetic inputs: retrieval metrics, answer hits, the naive baseline's spans."""

from __future__ import annotations

import pytest

from bot.knowledge.baselines import character_windows
from bot.knowledge.corpus import Document
from bot.knowledge.evaluation import RetrievalScores, answer_hit, score_retrieval

GOLD = [{"gold_lines": [10, 12]}, {"gold_lines": [50, 50]}, {"gold_lines": [7, 7]}]


def test_score_retrieval_counts_the_first_overlapping_span():
    ranked = [
        [(12, 20), (1, 2)],  # first hit at rank 1 (overlaps on line 12)
        [(1, 5)] * 3 + [(49, 51)],  # rank 4
        [(8, 9)] * 10 + [(7, 7)],  # only at rank 11: beyond the top 10
    ]
    assert score_retrieval(GOLD, ranked) == RetrievalScores(
        recall_at_1=pytest.approx(1 / 3),
        recall_at_5=pytest.approx(2 / 3),
        recall_at_10=pytest.approx(2 / 3),
        mrr_at_10=pytest.approx((1 + 1 / 4) / 3),
    )


def test_score_retrieval_with_no_hits_is_zero():
    assert score_retrieval(GOLD, [[(1, 2)], [], [(8, 9)]]) == RetrievalScores(0.0, 0.0, 0.0, 0.0)


def test_score_retrieval_needs_one_ranking_per_question():
    with pytest.raises(ValueError):
        score_retrieval(GOLD, [[(10, 10)]])


@pytest.mark.parametrize(
    ("answer", "gold", "hit"),
    [
        ("The **default** is `300` seconds.", "- The default is 300 seconds", True),
        ("Set it between 1 and 3600 seconds; default 300", "The **default is `300` seconds**", True),
        ("Messages are kept for four days.", "The **default is `300` seconds**", False),
        ("anything at all", "**`--`**", False),  # gold without words never counts as a hit
    ],
)
def test_answer_hit_needs_most_gold_words(answer: str, gold: str, hit: bool):
    assert answer_hit(answer, gold) is hit


def test_character_windows_report_the_lines_they_cover():
    lines = tuple(f"line {n:02d} " + "x" * 40 for n in range(1, 61))  # 48 characters + newline each
    windows = character_windows(Document("notes.md", lines), size=500, overlap=100)
    assert windows[0][1] == (1, 11) and windows[-1][1][1] == 60
    for text, (first, last) in windows:
        assert len(text) <= 500 and text in "\n".join(lines[first - 1 : last]) + "\n"
