"""Small wording helpers every front end shares: counts with the right plural, line ranges, certainty in words."""

from __future__ import annotations

from datetime import datetime

# (lowest value, word) from the top: how a 0-1 confidence or support reads to a student.
CERTAINTY_WORDS = ((0.75, "high"), (0.5, "fair"), (0.25, "low"), (0.0, "very low"))


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 day`, `3 days`; `many` for irregular plurals (`1 freeze held`... pass the full plural form)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def line_span(start: int, end: int) -> str:
    """`line 12` for one line, `lines 12–15` for several."""
    return f"line {start}" if start == end else f"lines {start}–{end}"


def page_span(pages: tuple[int, ...]) -> str:
    """`p. 12` for one page, `pp. 12–13` for several; `pages` is (first, last)."""
    first, last = pages[0], pages[-1]
    return f"p. {first}" if first == last else f"pp. {first}–{last}"


def where_in_notes(start: int, end: int, pages: tuple[int, ...] = ()) -> str:
    """Where a passage is in its file: its pages when the original was paged (a PDF), else its lines."""
    return page_span(pages) if pages else line_span(start, end)


def certainty(value: float) -> str:
    """A 0-1 score as one word (high, fair, low, very low)."""
    return next(word for lowest, word in CERTAINTY_WORDS if value >= lowest)


def time_zone_line(own: str | None, server: str, local_now: datetime) -> str:
    """Which zone a member's study days follow (their `own`, else the `server`'s), the time there (`local_now`,
    aware), and how to change it."""
    clock = local_now.strftime("%H:%M")
    if own is None:
        return (
            f"Your study days follow the server's time zone, {server} ({clock} there now). "
            "Set your own with /timezone and a zone such as Europe/Berlin or America/New_York."
        )
    return (
        f"Your study days follow your time zone, {own} ({clock} there now). "
        f"Days already studied stay as they were; /timezone server follows the server's zone ({server})."
    )


FOLLOW_UP_NOTE = "Read as a follow-up to your previous question"  # shown above the question as it was searched
