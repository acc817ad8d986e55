"""Stand-ins for an answer: wrong choices and the swap that makes a statement false."""

from __future__ import annotations

from bot.quiz.siblings import Siblings, in_unit_of, related
from bot.quiz.terms import Term
from tests.quiz.conftest import fake_embed


def quantity(text: str, unit: str) -> Term:
    return Term(text, "number", 0, len(text), unit)


QUANTITIES = [
    ("15 minutes", "min"), ("5 minutes", "min"), ("300 seconds", "s"), ("1 hour", "h"), ("24 hours", "h"),
    ("3 days", "d"), ("900 seconds", "s"), ("4 KB", "kb"), ("400 KB", "kb"), ("1 MB", "mb"), ("12.5 minutes", "min"),
]  # fmt: skip


def siblings() -> Siblings:
    return Siblings(((quantity(t, u), "Topic") for t, u in QUANTITIES), fake_embed, {})


def test_quantities_stand_in_for_quantities_of_the_same_dimension_written_in_the_answers_unit() -> None:
    found = siblings().nearest_values(quantity("15 minutes", "min"), "Topic", 3)
    assert found == ["5 minutes", "60 minutes"]  # 300 s is 5 min, said once; 1 h in minutes; no bytes, no 15 again
    assert "3 days" not in siblings().nearest_values(quantity("15 minutes", "min"), "Topic", 9)  # over 10x off
    assert siblings().nearest_values(quantity("15 minutes", "min"), "Topic", 1, max_ratio=4) == ["5 minutes"]
    assert siblings().nearest_values(quantity("4 KB", "kb"), "Topic", 3) == []  # 400 KB and 1 MB are 100x off
    assert siblings().nearest_values(Term("80", "number", 0, 2), "Topic", 3) == []  # a bare number: no stand-ins


def test_a_quantity_is_written_as_the_answer_writes_its_own_or_not_at_all() -> None:
    assert in_unit_of("300 seconds", "15 minutes") == "5 minutes"
    assert in_unit_of("60 seconds", "15 minutes") == "1 minute"
    assert in_unit_of("1 minute", "2 minutes") == "1 minute"
    assert in_unit_of("2 MB", "1,792MB") == "2MB"
    assert in_unit_of("40 TB", "16 TiB") is None  # 36.38 TiB: no whole number
    assert in_unit_of("12.5 minutes", "15 minutes") is None
    assert in_unit_of("3000 IOPS", "16000 IOPS") == "3000 IOPS"


def test_a_term_naming_part_of_another_is_no_stand_in_for_it() -> None:
    assert related("NEW_IMAGE", "NEW_AND_OLD_IMAGES", {})
    assert related("gp2", "gp2/gp3", {})
    assert related("Kinesis", "Kinesis Streams", {})
    assert related("Segments", "Subsegments", {})
    assert not related("Step Scaling", "Scheduled Scaling", {})
