"""An answer written out as markdown, the notes' own format: the lead sentence, then each quoted passage under its
citation in bold, followed by an "Out of date:" line for each of the notes' errata it quotes. Discord's answer
embed, `tutorbot ask` and its --json contract show this text, the answer evaluation reads it, and the answerer's
length budget (`ANSWER_LIMIT`) is measured in it, out-of-date lines aside; the terminal renders the answer's parts
itself, and a web page would too."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.knowledge.answering import Answer, AnswerSection, Citation
    from bot.knowledge.errata import Erratum

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


OUTDATED_LABEL = "Out of date"


def outdated_note(erratum: Erratum) -> str:
    """What one erratum says after its label: '"<the notes' words>": <what is true now> (<source>)'."""
    return f'"{erratum.match}": {erratum.current} ({erratum.source})'


def outdated_markdown(section: AnswerSection) -> str:
    """The section's errata as markdown quote lines after its passage ('' when it quotes nothing out of date)."""
    return "".join(f"\n> **{OUTDATED_LABEL}:** {outdated_note(erratum)}" for erratum in section.outdated)


def section_markdown(section: AnswerSection) -> str:
    return f"{section_heading(section.citation)}\n{section.text}{outdated_markdown(section)}"


def answer_markdown(answer: Answer) -> str:
    """The whole answer: a declined one is its lead alone; an answered one its lead (a partial answer's "what the
    notes do not say") and then its passages."""
    if answer.abstained:
        return answer.lead
    quoted = SECTION_GAP.join(section_markdown(section) for section in answer.sections)
    return f"{answer.lead}{SECTION_GAP}{quoted}" if answer.lead else quoted


def budgeted_chars(answer: Answer) -> int:
    """The characters of the answer's markdown that the answerer's length budget (`ANSWER_LIMIT`) bounds: all but
    its out-of-date lines (at most MAX_OUTDATED_NOTES per passage, each a sentence or two)."""
    return len(answer_markdown(answer)) - sum(len(outdated_markdown(section)) for section in answer.sections)
