"""Points per answer: only correct answers score, the shared daily quiz most.

| kind   | correct | wrong |
|--------|---------|-------|
| daily  | 10      | 0     |
| quiz   | 3       | 0     |
| review | 2       | 0     |

The daily quiz is worth most because it comes once a day and everyone answers the same question; a review
is worth a little less than a fresh quiz prompt because the member has seen it before.
"""

from __future__ import annotations

from enum import StrEnum


class AnswerKind(StrEnum):
    """How the member met the prompt (the values are what storage logs)."""

    DAILY = "daily"
    QUIZ = "quiz"
    REVIEW = "review"


POINTS_FOR_CORRECT = {AnswerKind.DAILY: 10, AnswerKind.QUIZ: 3, AnswerKind.REVIEW: 2}


def points_for(kind: AnswerKind | str, correct: bool) -> int:
    """The points one answer earns."""
    return POINTS_FOR_CORRECT[AnswerKind(kind)] if correct else 0
