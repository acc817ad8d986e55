"""Study streaks in the member's own calendar, with freezes earned by consistency.

Rules:
- A local calendar day counts when the member studied (answered anything) that day; each answer's day is fixed
  when it is given, in the member's zone then (`bot.storage.credit.Credit`).
- Today not yet studied never breaks the streak; it simply does not count yet.
- Every 7 studied days within the current streak earn one freeze; at most 2 are held (more are not earned).
- A missed day (before today) spends a held freeze automatically and the streak survives (the frozen day
  itself adds nothing); with no freeze held the streak breaks. Consecutive missed days each need a freeze.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from bot.timezones import time_zone

DAYS_PER_FREEZE = 7
MAX_FREEZES = 2


@dataclass(frozen=True)
class Streak:
    current: int
    best: int
    freezes_held: int
    studied_today: bool
    last_study_date: date | None


def zone_for(member_zone: str | None, server_zone: str) -> ZoneInfo:
    """The member's own IANA zone when set, else the server's."""
    return time_zone(member_zone or server_zone)


def compute_streak(study_dates: Iterable[date], today: date) -> Streak:
    """The streak as of `today` from the local dates the member studied (dates after today are ignored).

    Walks the studied days in order and settles each run of missed days at once (linear in the days studied, not
    in the calendar days since the first one).
    """
    studied = sorted({day for day in study_dates if day <= today})
    if not studied:
        return Streak(current=0, best=0, freezes_held=0, studied_today=False, last_study_date=None)
    current = best = freezes = toward_freeze = 0
    previous = None
    for day in studied:
        if previous is not None:
            current, freezes, toward_freeze = _after_missed((day - previous).days - 1, current, freezes, toward_freeze)
        current += 1
        toward_freeze += 1
        if toward_freeze == DAYS_PER_FREEZE:
            freezes, toward_freeze = min(MAX_FREEZES, freezes + 1), 0
        best = max(best, current)
        previous = day
    # Days missed since the last study day, before today (today not yet studied never breaks the streak).
    current, freezes, _ = _after_missed((today - studied[-1]).days - 1, current, freezes, toward_freeze)
    return Streak(current, best, freezes, studied[-1] == today, studied[-1])


def _after_missed(missed: int, current: int, freezes: int, toward_freeze: int) -> tuple[int, int, int]:
    """(current, freezes, toward_freeze) after `missed` consecutive missed days: each spends a held freeze while the
    streak lives; the first one without a freeze breaks it."""
    if missed <= 0 or not current:
        return current, freezes, toward_freeze
    if missed <= freezes:
        return current, freezes - missed, toward_freeze
    return 0, 0, 0
