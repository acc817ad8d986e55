"""Lines of converted notes (from a PDF or a Word file) in the markdown the chunker reads.

Text taken from a document is body text: a line of it that markdown would read as a heading or a code fence is
escaped with a backslash, so the document's own headings are the only headings.
"""

from __future__ import annotations

import re

from bot.knowledge.markdown import FENCE, HEADING

MAX_HEADING_LEVEL = 6
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def body_line(text: str) -> str:
    """One line of body text: control characters dropped, trailing spaces trimmed, markdown structure escaped."""
    line = _CONTROL.sub("", text).rstrip()
    if HEADING.match(line) or FENCE.match(line):
        stripped = line.lstrip()
        return line[: len(line) - len(stripped)] + "\\" + stripped
    return line


def heading_line(level: int, title: str) -> str:
    """`## Title` at `level` (capped at 6), the title on one line; '' for a title with no text."""
    words = " ".join(_CONTROL.sub(" ", title).split())
    return f"{'#' * min(max(level, 1), MAX_HEADING_LEVEL)} {words}" if words else ""
