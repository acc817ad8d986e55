"""Exam dates: read strictly from what a member typed, and counted down in their own days.

Accepted: an ISO date (2027-03-14), or a day, a month's name (or its first three letters) and a year in either
order (14 March 2027, March 14, 2027, 14 Mar 2027). Anything else, a date that does not exist (31 February), a day
already past or one more than MAX_DAYS_AHEAD away is refused with a message saying how to write it.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from bot.errors import InvalidInput

MAX_DAYS_AHEAD = 2 * 366  # an exam booked further ahead than two years is a typo
MAX_NAME_LENGTH = 100
HOW_TO_WRITE = "Write the date as YYYY-MM-DD (e.g. 2027-03-14) or as 14 March 2027."
_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")
_ISO_LIKE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_exam_date(text: str, today: date) -> date:
    """The exam day `text` names, today or later (`today`: the member's own local date).

    Raises InvalidInput, with how to write it, for an empty text, one in no accepted form, a date that does not
    exist, a day before `today` or one more than MAX_DAYS_AHEAD days after it.
    """
    cleaned = " ".join(text.replace(",", " ").split())
    if not cleaned:
        raise InvalidInput(f"Which day is the exam? {HOW_TO_WRITE}")
    day = _read(cleaned)
    if day < today:
        raise InvalidInput(f"{day:%d %B %Y} has passed (today is {today:%d %B %Y}). {HOW_TO_WRITE}")
    if (day - today).days > MAX_DAYS_AHEAD:
        raise InvalidInput(f"{day:%d %B %Y} is more than two years away; is the year right? {HOW_TO_WRITE}")
    return day


def _read(cleaned: str) -> date:
    if (iso := _ISO_LIKE.fullmatch(cleaned)) is not None:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise InvalidInput(f"{cleaned[:40]!r} is not a day of the calendar. {HOW_TO_WRITE}") from None
    for form in _FORMATS:
        try:
            return datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
    raise InvalidInput(f"{cleaned[:40]!r} is not a date I can read. {HOW_TO_WRITE}")


def exam_name(text: str | None) -> str | None:
    """The exam's name as given (spaces collapsed), None when blank; InvalidInput when over MAX_NAME_LENGTH."""
    name = " ".join((text or "").split())
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(f"An exam's name has at most {MAX_NAME_LENGTH} characters.")
    return name or None


def days_left(exam_day: date, today: date) -> int:
    """Whole days from `today` to the exam (0 on the day itself, negative once it has passed)."""
    return (exam_day - today).days


def countdown_words(days: int) -> str:
    """'today', 'tomorrow', 'in 12 days', or 'was 3 days ago'."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 1:
        return f"in {days} days"
    return "was yesterday" if days == -1 else f"was {-days} days ago"


def split_date_and_name(text: str) -> tuple[str, str | None]:
    """A typed `DATE [NAME]` cut in two: an ISO date is one word, a written one three (14 March 2027)."""
    words = text.replace(",", " ").split()
    size = 1 if words and _ISO_LIKE.fullmatch(words[0]) else 3
    return " ".join(words[:size]), " ".join(words[size:]) or None
