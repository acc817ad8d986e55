"""Streaks: counting rules, freezes, time zones, DST transitions and midnight edges."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.progress.streaks import Streak, compute_streak, zone_for
from bot.storage import Credit

TODAY = date(2026, 3, 20)
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def days_before(*offsets: int) -> set[date]:
    """The dates `offset` days before TODAY."""
    return {TODAY - timedelta(days=n) for n in offsets}


def run(first: int, last: int) -> set[date]:
    """Every day from `first` to `last` days before TODAY."""
    return days_before(*range(last, first + 1))


def utc_gap(earlier: datetime, later: datetime) -> timedelta:
    """Elapsed time (subtracting two datetimes of one zone would give the wall-clock difference)."""
    return later.astimezone(UTC) - earlier.astimezone(UTC)


def streak_at(times: list[datetime], zone: ZoneInfo, now: datetime) -> Streak:
    """The streak at `now` of a member in `zone` who answered at `times` (days fixed as each answer's credit)."""
    return compute_streak({Credit.at(t, zone, zone).study_day for t in times}, now.astimezone(zone).date())


def test_no_study_at_all() -> None:
    assert compute_streak([], TODAY) == Streak(0, 0, 0, False, None)


def test_consecutive_days_through_today() -> None:
    assert compute_streak(run(2, 0), TODAY) == Streak(3, 3, 0, True, TODAY)


def test_today_not_yet_studied_keeps_the_streak() -> None:
    streak = compute_streak(run(3, 1), TODAY)
    assert (streak.current, streak.studied_today, streak.last_study_date) == (3, False, TODAY - timedelta(days=1))


def test_missed_day_without_freeze_breaks_but_best_remains() -> None:
    streak = compute_streak(run(6, 3) | days_before(1, 0), TODAY)
    assert (streak.current, streak.best) == (2, 4)


def test_missed_yesterday_means_no_current_streak() -> None:
    assert compute_streak(run(5, 2), TODAY).current == 0


def test_seven_day_run_earns_a_freeze() -> None:
    assert compute_streak(run(6, 0), TODAY).freezes_held == 1
    assert compute_streak(run(5, 0), TODAY).freezes_held == 0


def test_single_missed_day_is_bridged_by_a_held_freeze() -> None:
    streak = compute_streak(run(9, 3) | days_before(1, 0), TODAY)  # 7 days, miss day 2, then 2 more
    assert (streak.current, streak.best, streak.freezes_held) == (9, 9, 0)


def test_at_most_two_freezes_are_held() -> None:
    assert compute_streak(run(27, 0), TODAY).freezes_held == 2


def test_two_missed_days_need_two_freezes() -> None:
    two_freezes = compute_streak(run(16, 3), TODAY)  # 14 days, then today - 2 and today - 1 missed
    assert (two_freezes.current, two_freezes.freezes_held) == (14, 0)
    one_freeze = compute_streak(run(12, 3), TODAY)  # 10 days earn just one freeze
    assert one_freeze.current == 0 and one_freeze.best == 10


def test_freezes_are_spent_only_while_a_streak_is_running() -> None:
    streak = compute_streak(run(20, 14) | days_before(0), TODAY)  # 7 days, 13 missed, then today
    assert (streak.current, streak.best, streak.freezes_held) == (1, 7, 0)


def test_dates_after_today_are_ignored() -> None:
    assert compute_streak(days_before(0, -1), TODAY) == Streak(1, 1, 0, True, TODAY)


def test_same_instants_are_different_days_in_different_zones() -> None:
    # 23:30 UTC is already the next day in Berlin but still the same evening in New York.
    times = [datetime(2026, 3, 2, 23, 30, tzinfo=UTC), datetime(2026, 3, 3, 23, 30, tzinfo=UTC)]
    now = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
    in_berlin = streak_at(times, BERLIN, now)
    in_new_york = streak_at(times, NEW_YORK, now)
    assert (in_berlin.current, in_berlin.studied_today, in_berlin.last_study_date) == (2, True, date(2026, 3, 4))
    assert (in_new_york.current, in_new_york.studied_today) == (2, False)
    assert streak_at(times, ZoneInfo("Asia/Tokyo"), now).current == 2  # Tokyo: 3 Mar and 4 Mar (morning)


def test_spring_forward_day_is_one_day_in_new_york() -> None:
    # 8 March 2026: clocks jump 02:00 -> 03:00; 23:30 local on both evenings is only 23 hours apart in UTC.
    times = [
        datetime(2026, 3, 7, 23, 30, tzinfo=NEW_YORK),
        datetime(2026, 3, 8, 23, 30, tzinfo=NEW_YORK),
    ]
    assert utc_gap(*times) == timedelta(hours=23)
    now = datetime(2026, 3, 9, 8, 0, tzinfo=NEW_YORK)
    streak = streak_at(times, NEW_YORK, now)
    assert (streak.current, streak.studied_today, streak.last_study_date) == (2, False, date(2026, 3, 8))


def test_fall_back_day_has_25_hours_but_counts_once_in_new_york() -> None:
    # 1 November 2026: 02:00 -> 01:00; 00:10 and 23:50 local are 24h40m apart yet the same date.
    times = [datetime(2026, 11, 1, 0, 10, tzinfo=NEW_YORK), datetime(2026, 11, 1, 23, 50, tzinfo=NEW_YORK)]
    assert utc_gap(*times) == timedelta(hours=24, minutes=40)
    streak = streak_at(times, NEW_YORK, datetime(2026, 11, 2, 9, 0, tzinfo=NEW_YORK))
    assert (streak.current, streak.studied_today) == (1, False)


@pytest.mark.parametrize(
    "day_before_change",
    [date(2026, 3, 28), date(2026, 10, 24)],  # Berlin: summer time starts 29 Mar, ends 25 Oct 2026
)
def test_berlin_transitions_do_not_break_a_streak(day_before_change: date) -> None:
    times = [
        datetime.combine(day_before_change + timedelta(days=n), datetime.min.time(), tzinfo=BERLIN)
        + timedelta(hours=23, minutes=59)
        for n in range(3)
    ]
    now = times[-1] + timedelta(minutes=1)  # midnight local: a new day, not yet studied
    streak = streak_at(times, BERLIN, now)
    assert (streak.current, streak.studied_today) == (3, False)


def test_midnight_edges() -> None:
    last_second = datetime(2026, 3, 10, 23, 59, 59, tzinfo=BERLIN)
    midnight = datetime(2026, 3, 11, 0, 0, tzinfo=BERLIN)
    assert streak_at([last_second, midnight], BERLIN, midnight).current == 2
    assert streak_at([last_second], BERLIN, midnight) == Streak(1, 1, 0, False, date(2026, 3, 10))
    assert streak_at([last_second], BERLIN, midnight + timedelta(days=1)).current == 0


def test_zone_for_prefers_the_members_zone() -> None:
    assert zone_for("Asia/Tokyo", "Europe/Berlin") == ZoneInfo("Asia/Tokyo")
    assert zone_for(None, "Europe/Berlin") == BERLIN
    with pytest.raises(InvalidInput, match="time zone"):
        zone_for("Atlantis/Capital", "UTC")
