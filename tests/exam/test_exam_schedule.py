"""Exam-aware scheduling rules: final-week reviews, rising retention, what to drop when the load is too much."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.exam.schedule import (
    BASE_RETENTION,
    EXAM_DAY_RETENTION,
    FINAL_DAYS,
    daily_load,
    final_review_due,
    final_week_start,
    retention_for,
    what_to_drop,
)

EXAM = date(2026, 4, 1)
START = final_week_start(EXAM)


def test_retention_rises_from_a_month_out_to_the_day() -> None:
    figures = [retention_for(days) for days in (60, 30, 29, 15, 1, 0, -2)]
    assert figures[:2] == [BASE_RETENTION, BASE_RETENTION] and figures[-2:] == [EXAM_DAY_RETENTION] * 2
    assert figures == sorted(figures) and BASE_RETENTION < figures[3] < EXAM_DAY_RETENTION


def test_a_review_before_the_final_week_comes_back_within_it() -> None:
    before = START - timedelta(days=10)
    for prompt_id in ("a", "b", "c", "d", "e", "f", "g"):
        due = final_review_due(START + timedelta(days=40), prompt_id, before, EXAM)
        assert START <= due < START + timedelta(days=FINAL_DAYS - 1)
    early = START - timedelta(days=2)
    assert final_review_due(early, "a", before, EXAM) == early  # due before the week: untouched
    inside = START + timedelta(days=1)
    assert final_review_due(START + timedelta(days=30), "a", inside, EXAM) == START + timedelta(days=30)


def test_load_over_the_minutes_says_to_drop_new_questions_then_the_best_known_domains() -> None:
    today = date(2026, 3, 20)
    noon = datetime(2026, 3, 20, 12, tzinfo=UTC)
    dues = [(noon - timedelta(days=3), "Security")] * 30 + [(noon, "Development")] * 30 + [(noon, "Deployment")] * 3
    load = daily_load(dues, today)
    assert load[0] == {"Security": 30, "Development": 30, "Deployment": 3}
    advice = what_to_drop(load, {"Security": 0.2, "Development": 0.9, "Deployment": 0.8}, daily_minutes=12)
    assert advice.over and advice.peak_minutes == 21
    assert advice.drop[0].startswith("new questions")
    assert [line.split(" (")[0] for line in advice.drop[1:]] == ["reviews of Development"]
    assert not what_to_drop(load, {"Security": 0.2}, daily_minutes=30).over
