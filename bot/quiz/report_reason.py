"""Why a member may report a quiz item (the closed set; the words each front end shows are the service's,
bot/service/reports.py)."""

from __future__ import annotations

from enum import StrEnum


class ReportReason(StrEnum):
    """A report's reason; the value is what question_reports.reason stores and what front ends send."""

    WRONG = "wrong"  # the item's answer is wrong
    AMBIGUOUS = "ambiguous"  # several answers fit the question
    NOT_IN_NOTES = "not_in_notes"  # the notes do not say what the item asks
