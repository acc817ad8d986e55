"""An answer written out as markdown, the notes' own format: the lead sentence, then each quoted passage under its
citation in bold. Discord's answer embed, `tutorbot ask` and its --json contract show this text, the answer
evaluation reads it, and the answerer's length budget (`ANSWER_LIMIT`) is measured in it; the terminal renders
the answer's parts itself, and a web page would too."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.knowledge.answering import Answer, AnswerSection, Citation

SECTION_GAP = "\n\n"  # between the lead and each passage


def section_heading(citation: Citation) -> str:
    return f"**{citation.label}**"


def heading_chars(citation: Citation) -> int:
    """Characters a passage's heading adds to the markdown: its line and the gap before it (counted for the first
    passage too, so the budget keeps those two characters spare)."""
    return len(section_heading(citation)) + len("\n") + len(SECTION_GAP)


def lead_chars(lead: str) -> int:
    """Characters a lead takes before the first passage: itself and the gap after it (none without a lead)."""
    return len(lead) + len(SECTION_GAP) if lead else 0


def section_markdown(section: AnswerSection) -> str:
    return f"{section_heading(section.citation)}\n{section.text}"


def answer_markdown(answer: Answer) -> str:
    """The whole answer: a declined one is its lead alone; an answered one its lead (a partial answer's "what the
    notes do not say") and then its passages."""
    if answer.abstained:
        return answer.lead
    quoted = SECTION_GAP.join(section_markdown(section) for section in answer.sections)
    return f"{answer.lead}{SECTION_GAP}{quoted}" if answer.lead else quoted
