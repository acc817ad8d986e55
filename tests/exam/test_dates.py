"""Exam dates are read strictly, with messages that say how to write them."""

from __future__ import annotations

from datetime import date

import pytest

from bot.errors import InvalidInput
from bot.exam.dates import countdown_words, days_left, exam_name, parse_exam_date, split_date_and_name

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    "text", ["2027-03-14", "14 March 2027", "March 14, 2027", "14 Mar 2027", "mar 14 2027", "  2027-3-14 "]
)
def test_accepted_forms(text: str) -> None:
    assert parse_exam_date(text, TODAY) == date(2027, 3, 14)


def test_today_is_an_exam_day_but_yesterday_is_past() -> None:
    assert parse_exam_date("2026-03-02", TODAY) == TODAY
    with pytest.raises(InvalidInput, match=r"has passed.*YYYY-MM-DD"):
        parse_exam_date("2026-03-01", TODAY)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Which day"),
        ("   ", "Which day"),
        ("2027-02-30", "not a day of the calendar"),
        ("31 February 2027", "not a date I can read"),
        ("next friday", "not a date I can read"),
        ("14/03/2027", "not a date I can read"),
        ("2027-13-01", "not a day of the calendar"),
        ("2030-01-01", "more than two years away"),
    ],
)
def test_refused_with_how_to_write_it(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as refused:
        parse_exam_date(text, TODAY)
    assert "YYYY-MM-DD" in str(refused.value)


def test_names_and_countdowns() -> None:
    assert exam_name("  Developer   Associate ") == "Developer Associate"
    assert exam_name("   ") is None
    with pytest.raises(InvalidInput, match="100 characters"):
        exam_name("x" * 101)
    assert [countdown_words(d) for d in (0, 1, 12, -1, -3)] == [
        "today",
        "tomorrow",
        "in 12 days",
        "was yesterday",
        "was 3 days ago",
    ]
    assert days_left(date(2026, 3, 14), TODAY) == 12


def test_split_date_and_name() -> None:
    assert split_date_and_name("2027-03-14 Developer exam") == ("2027-03-14", "Developer exam")
    assert split_date_and_name("14 March 2027") == ("14 March 2027", None)
    assert split_date_and_name("March 14, 2027 final") == ("March 14 2027", "final")
