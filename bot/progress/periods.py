"""Leaderboard periods (`week`, `month`, `all`) as UTC bounds of the server's local calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.errors import BadQuestion


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
        raise BadQuestion(f"{text!r} is not a leaderboard period; choose one of {choices}.") from None


def _local_midnight_utc(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def period_bounds(period: Period | str, now: datetime, zone: ZoneInfo) -> PeriodBounds:
    """The bounds of the period containing `now`, computed in `zone` (the server's time zone)."""
    chosen = parse_period(period)
    today = now.astimezone(zone).date()
    if chosen is Period.ALL:
        return PeriodBounds(chosen, None, None)
    if chosen is Period.WEEK:
        first = today - timedelta(days=today.weekday())
        after = first + timedelta(days=7)
    else:
        first = today.replace(day=1)
        after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return PeriodBounds(chosen, _local_midnight_utc(first, zone), _local_midnight_utc(after, zone))
