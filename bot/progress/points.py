"""Points per answer: only correct answers score, the shared daily quiz most, and repetition earns nothing.

| kind   | correct | wrong |
|--------|---------|-------|
| daily  | 10      | 0     |
| quiz   | 3       | 0     |
| review | 2       | 0     |

The daily quiz is worth most because it comes once a day and everyone answers the same question; a review
is worth a little less than a fresh quiz prompt because the member has seen it before.

Fair scoring (no farming by repeating rounds):
- a quiz or review answer to a prompt the member has seen before scores only when the prompt is due for review;
- only the member's first scoring recall of a prompt per local day counts (storage enforces this one, atomically);
- the daily quiz takes one answer per member and post, so it always scores when correct.
"""

from __future__ import annotations

from enum import StrEnum


class AnswerKind(StrEnum):
    """How the member met the prompt (the values are what storage logs)."""

    DAILY = "daily"
    QUIZ = "quiz"
    REVIEW = "review"


POINTS_FOR_CORRECT = {AnswerKind.DAILY: 10, AnswerKind.QUIZ: 3, AnswerKind.REVIEW: 2}


def points_for(kind: AnswerKind | str, correct: bool, *, due: bool = True) -> int:
    """The points one answer is worth; `due` is False for a seen prompt not yet due for review."""
    chosen = AnswerKind(kind)
    if not correct or (chosen is not AnswerKind.DAILY and not due):
        return 0
    return POINTS_FOR_CORRECT[chosen]
