"""Exam-aware scheduling: the rules that bend a member's reviews towards their exam day.

- **Every item seen is reviewed once in the final days.** An item reviewed before the final week whose next review
  would fall after the week began is brought forward into it, on a day of the week fixed by the item (so the
  final week's load is spread, not all on its first day); an item reviewed within the final week keeps its
  schedule (it has had its final review).
- **The target retention rises as the date nears**: 90% (FSRS's default) while the exam is a month or more away,
  rising evenly to 97% on the day, so intervals shorten as it comes.
- **A daily load over the member's minutes is told, with what to drop** (`what_to_drop`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.quiz.item import stable_hash

FINAL_DAYS = 7
BASE_RETENTION = 0.90
EXAM_DAY_RETENTION = 0.97
RISE_DAYS = 30  # the retention starts rising this many days before the exam
SECONDS_PER_REVIEW = 20  # a picked answer with its verdict read; a typed one takes longer
LOAD_DAYS = 7  # the days ahead whose load is weighed


def final_week_start(exam_day: date) -> datetime:
    """The start (00:00 UTC) of the first of the FINAL_DAYS days before the exam day."""
    return datetime.combine(exam_day - timedelta(days=FINAL_DAYS), time(), tzinfo=UTC)


def retention_for(days_left: int) -> float:
    """The target retention with `days_left` days to the exam (BASE_RETENTION a month or more away, rising
    evenly to EXAM_DAY_RETENTION on the day and after)."""
    if days_left >= RISE_DAYS:
        return BASE_RETENTION
    share = 1 - max(days_left, 0) / RISE_DAYS
    return round(BASE_RETENTION + (EXAM_DAY_RETENTION - BASE_RETENTION) * share, 3)


def final_review_due(due: datetime, prompt_id: str, reviewed_at: datetime, exam_day: date) -> datetime:
    """The item's next review, brought into the final week when it was reviewed before the week and its due would
    fall after the week's start; its day within the week's first FINAL_DAYS - 1 days is fixed by the item."""
    start = final_week_start(exam_day)
    if reviewed_at >= start or due <= start:
        return due
    slot = start + timedelta(days=stable_hash(prompt_id) % (FINAL_DAYS - 1))
    return max(min(due, slot), reviewed_at)


def with_due(card_json: str, due: datetime) -> str:
    """An FSRS card's JSON with another due time."""
    card = json.loads(card_json)
    card["due"] = due.astimezone(UTC).isoformat()
    return json.dumps(card)


@dataclass(frozen=True)
class LoadAdvice:
    """The heaviest day's review minutes in the coming week against the member's minutes a day, and what to drop
    (sentences, most useful first) when it is over."""

    peak_minutes: int
    daily_minutes: int
    drop: tuple[str, ...]

    @property
    def over(self) -> bool:
        return self.peak_minutes > self.daily_minutes


def daily_load(dues: Iterable[tuple[datetime, str]], today: date, days: int = LOAD_DAYS) -> list[dict[str, int]]:
    """Reviews due on each of the next `days` days (overdue ones today), counted by domain: [{domain: count}]."""
    load: list[dict[str, int]] = [{} for _ in range(days)]
    for due, domain in dues:
        day = max(0, (due.astimezone(UTC).date() - today).days)
        if day < days:
            load[day][domain] = load[day].get(domain, 0) + 1
    return load


def minutes_of(reviews: int) -> int:
    return math.ceil(reviews * SECONDS_PER_REVIEW / 60)


def what_to_drop(load: list[dict[str, int]], mastery: Mapping[str, float], daily_minutes: int) -> LoadAdvice:
    """When the heaviest day needs more minutes than the member has: first new questions, then the reviews of the
    domains they know best (highest mastery first) until the heaviest day fits."""
    peak = max((minutes_of(sum(day.values())) for day in load), default=0)
    if peak <= daily_minutes:
        return LoadAdvice(peak, daily_minutes, ())
    drop = ["new questions (no /quiz on new material) until the load fits"]
    remaining = [dict(day) for day in load]
    for domain in sorted(mastery, key=lambda d: (-mastery[d], d)):
        if max(minutes_of(sum(day.values())) for day in remaining) <= daily_minutes:
            break
        if any(day.get(domain) for day in remaining):
            drop.append(f"reviews of {domain} (mastered {math.floor(mastery[domain] * 100)}%): skip them this week")
            for day in remaining:
                day.pop(domain, None)
    return LoadAdvice(peak, daily_minutes, tuple(drop))
