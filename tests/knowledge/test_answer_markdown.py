"""An answer written out as markdown: the shape Discord, `tutorbot ask` and its --json show, and that the
answerer's length budget counts."""

from __future__ import annotations

from dataclasses import replace

from bot.knowledge.answer_markdown import answer_markdown, heading_chars, lead_chars, outdated_markdown
from bot.knowledge.answerability import CoverageOutcome
from bot.knowledge.answering import Answer, AnswerSection, Citation
from bot.knowledge.errata import Erratum

FIRST = AnswerSection(Citation("notes.md", ("Queues", "Limits"), 3, 5), "- at most `10` messages\n…\n- kept 4 days")
SECOND = AnswerSection(Citation("notes.md", ("Topics",), 9, 9), "Topics fan out.")


def test_a_declined_answer_is_its_lead_alone() -> None:
    lead = "The notes don't say, so I can't answer that from them. Closest topics in the notes: Queues."
    assert answer_markdown(Answer("q", lead, abstained=True, confidence=0.1)) == lead


def test_an_answer_quotes_each_passage_under_its_citation_in_bold() -> None:
    answer = Answer("q", "", abstained=False, confidence=0.9, sections=(FIRST, SECOND))
    assert answer_markdown(answer) == (
        "**Queues › Limits, lines 3–5**\n- at most `10` messages\n…\n- kept 4 days\n\n"
        "**Topics, line 9**\nTopics fan out."
    )


def test_a_partial_answer_says_first_what_the_notes_lack() -> None:
    lead = "The notes don't give a price for queues; what they say nearby:"
    answer = Answer("q", lead, False, 0.5, (FIRST,), coverage=CoverageOutcome.PARTIAL)
    assert answer_markdown(answer) == f"{lead}\n\n**Queues › Limits, lines 3–5**\n{FIRST.text}"


def test_the_budget_counts_what_the_headings_and_the_lead_add_with_one_gap_spare() -> None:
    lead = "The notes don't give a price; what they say nearby:"
    answer = Answer("q", lead, False, 0.5, (FIRST, SECOND))
    body = len(FIRST.text) + len(SECOND.text)
    added = lead_chars(lead) + sum(heading_chars(s.citation) for s in answer.sections) - len("\n\n")
    assert len(answer_markdown(answer)) == body + added
    assert lead_chars("") == 0


def test_an_out_of_date_line_quoted_is_followed_by_its_correction_outside_the_budget() -> None:
    stale = Erratum("kept 4 days", "Kept 7 days since the 2030 release.", "Release notes")
    marked = replace(FIRST, outdated=(stale,))
    answer = Answer("q", "", abstained=False, confidence=0.9, sections=(marked, SECOND))
    note = '> **Out of date:** "kept 4 days": Kept 7 days since the 2030 release. (Release notes)'
    assert answer_markdown(answer) == (
        f"**Queues › Limits, lines 3–5**\n{FIRST.text}\n{note}\n\n**Topics, line 9**\nTopics fan out."
    )
    assert outdated_markdown(marked) == f"\n{note}" and outdated_markdown(SECOND) == ""
