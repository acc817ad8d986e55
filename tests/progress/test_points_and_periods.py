"""Points per answer and period bounds in the server's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.progress.periods import (
    ALL_TIME_START,
    Period,
    PeriodBounds,
    parse_period,
    period_bounds,
    season_end,
    season_start,
)
from bot.progress.points import AnswerKind, points_for

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def test_only_correct_answers_score_and_the_daily_quiz_most() -> None:
    assert points_for(AnswerKind.DAILY, True) > points_for("quiz", True) > points_for("review", True) > 0
    assert {points_for(kind, False) for kind in AnswerKind} == {0}
    with pytest.raises(ValueError):
        points_for("exam", True)


def test_a_seen_prompt_not_yet_due_scores_nothing_except_in_the_daily_quiz() -> None:
    assert points_for("quiz", True, due=False) == points_for("review", True, due=False) == 0
    assert points_for("daily", True, due=False) == points_for("daily", True)


def test_parse_period_is_forgiving_about_case_and_clear_about_mistakes() -> None:
    assert parse_period(" Week ") is Period.WEEK
    with pytest.raises(InvalidInput, match="week, month, all"):
        parse_period("year")


def test_week_is_monday_to_monday_in_utc() -> None:
    wednesday = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
    assert period_bounds("week", wednesday, ZoneInfo("UTC")) == PeriodBounds(
        Period.WEEK, datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC)
    )


def test_week_follows_the_servers_calendar() -> None:
    # Sunday 23:30 UTC is already Monday in Berlin: a new week there, the old one in New York.
    now = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    berlin = period_bounds(Period.WEEK, now, BERLIN)
    new_york = period_bounds(Period.WEEK, now, NEW_YORK)
    assert berlin.start == datetime(2026, 3, 1, 23, 0, tzinfo=UTC)
    assert new_york.start == datetime(2026, 2, 23, 5, 0, tzinfo=UTC)
    assert new_york.start is not None and new_york.start <= now < (new_york.end or now)


def test_week_across_a_dst_change_is_167_hours() -> None:
    bounds = period_bounds("week", datetime(2026, 3, 27, 12, 0, tzinfo=UTC), BERLIN)
    assert bounds.start == datetime(2026, 3, 22, 23, 0, tzinfo=UTC)
    assert bounds.end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)


def test_month_bounds_and_year_rollover() -> None:
    december = period_bounds("month", datetime(2026, 12, 31, 12, 0, tzinfo=UTC), NEW_YORK)
    assert december.start == datetime(2026, 12, 1, 5, 0, tzinfo=UTC)
    assert december.end == datetime(2027, 1, 1, 5, 0, tzinfo=UTC)
    first_hour_local = period_bounds("month", datetime(2026, 4, 1, 0, 30, tzinfo=BERLIN), BERLIN)
    assert first_hour_local.start == datetime(2026, 3, 31, 22, 0, tzinfo=UTC)


def test_all_time_is_unbounded() -> None:
    assert period_bounds("all", datetime(2026, 1, 1, tzinfo=UTC), BERLIN) == PeriodBounds(Period.ALL, None, None)


def test_seasons_step_back_whole_weeks_and_months_across_years() -> None:
    wednesday = date(2026, 1, 7)
    assert season_start("week", wednesday) == date(2026, 1, 5)
    assert season_start("week", wednesday, ago=1) == date(2025, 12, 29)
    assert season_start("month", wednesday, ago=1) == date(2025, 12, 1)
    assert season_start("month", wednesday, ago=13) == date(2024, 12, 1)
    assert season_end("week", date(2025, 12, 29)) == date(2026, 1, 5)
    assert season_end("month", date(2025, 12, 1)) == date(2026, 1, 1)
    assert season_start("all", wednesday) == ALL_TIME_START
    with pytest.raises(InvalidInput, match="earlier seasons"):
        season_start("all", wednesday, ago=1)
    with pytest.raises(InvalidInput, match="earlier seasons"):
        season_start("week", wednesday, ago=-1)
