"""The exam-style scenario set written from the notes (tests/practice/scenarios.jsonl) stays well formed."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.evaluation import read_jsonl
from bot.knowledge.practice import make_question

SCENARIOS = Path(__file__).with_name("scenarios.jsonl")


def test_every_scenario_is_a_checkable_question_with_its_answers_among_the_options():
    items = read_jsonl(SCENARIOS)
    assert len(items) >= 20 and len({i["id"] for i in items}) == len(items)
    for item in items:
        question = make_question(item["question"], item["options"], len(item["correct"]))
        assert all(0 <= c < len(question.options) for c in item["correct"]), item["id"]
        assert item["question"].rstrip().endswith("?"), item["id"]


def test_the_right_options_are_spread_over_the_positions():
    positions = [c for item in read_jsonl(SCENARIOS) for c in item["correct"]]
    assert set(range(4)) <= set(positions) and max(positions.count(p) for p in set(positions)) <= len(positions) // 2
