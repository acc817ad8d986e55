"""Why a member may report a quiz question, in the words every front end shows."""

from __future__ import annotations

REPORT_REASONS = {
    "wrong": "The answer is wrong",
    "ambiguous": "Ambiguous: several answers fit",
    "not_in_notes": "Not in the notes",
}
