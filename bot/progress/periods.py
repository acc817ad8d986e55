"""Leaderboard periods (`week`, `month`, `all`): their first local day, and their UTC bounds in the server's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.errors import InvalidInput


class Period(StrEnum):
    WEEK = "week"  # ISO week: Monday 00:00 to the next Monday 00:00, local time
    MONTH = "month"  # the calendar month, local time
    ALL = "all"


@dataclass(frozen=True)
class PeriodBounds:
    """The half-open interval [start, end) in UTC; None leaves that side open."""

    period: Period
    start: datetime | None
    end: datetime | None


def parse_period(text: str) -> Period:
    """`week`, `month` or `all` (any case), with a friendly error otherwise."""
    try:
        return Period(text.strip().lower())
    except ValueError:
        choices = ", ".join(p.value for p in Period)
        raise InvalidInput(f"{text!r} is not a leaderboard period; choose one of {choices}.") from None


ALL_TIME_START = date(2000, 1, 1)  # the key of the one `all` period


def period_start(period: Period | str, day: date) -> date:
    """The first local day of the period containing local day `day` (ALL_TIME_START for `all`)."""
    chosen = parse_period(period)
    if chosen is Period.WEEK:
        return day - timedelta(days=day.weekday())
    if chosen is Period.MONTH:
        return day.replace(day=1)
    return ALL_TIME_START


def season_start(period: Period | str, day: date, ago: int = 0) -> date:
    """The first local day of the season `ago` periods before the one containing `day` (0: that one).

    Seasons are weeks and months; `all` has only the one (InvalidInput when asked for an earlier one).
    """
    chosen = parse_period(period)
    if ago < 0 or (ago and chosen is Period.ALL):
        raise InvalidInput("Only weekly and monthly boards have earlier seasons (0 is the current one).")
    first = period_start(chosen, day)
    for _ in range(ago):
        first = period_start(chosen, first - timedelta(days=1))
    return first


def season_end(period: Period | str, first: date) -> date:
    """The first local day after the week or month starting on `first`."""
    if parse_period(period) is Period.WEEK:
        return first + timedelta(days=7)
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _local_midnight_utc(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def period_bounds(period: Period | str, now: datetime, zone: ZoneInfo) -> PeriodBounds:
    """The bounds of the period containing `now`, computed in `zone` (the server's time zone)."""
    chosen = parse_period(period)
    today = now.astimezone(zone).date()
    if chosen is Period.ALL:
        return PeriodBounds(chosen, None, None)
    first = period_start(chosen, today)
    after = season_end(chosen, first)
    return PeriodBounds(chosen, _local_midnight_utc(first, zone), _local_midnight_utc(after, zone))
