"""A 'which one is this?' statement must fit its own side alone (bot/quiz/one_side.py), on invented notes."""

from __future__ import annotations

import pytest

from bot.knowledge.chunking import chunk_documents
from bot.knowledge.corpus import Document
from bot.quiz.one_side import SideFacts, contrasted, told_by_contrast
from bot.quiz.sentences import sentences_of
from bot.quiz.sibling_sections import ruled_in
from bot.quiz.terms import glossary_of

SOURCE = "notes/mail.md"
NOTES = """\
# Mail

## Mail Filters

- **Spam Filter:**
  - Uses Sender Host Validation (SHV) to check senders
  - Needs no custom code at all
- **Custom Filter:**
  - Runs your own script on every letter
- **Virus Filter:**
  - Quarantines infected attachments for a week

## Sender Host Validation (SHV)

- Only works for Spam Filter & Virus Filter -- does not work for Custom Filter

## Spam Filter Greylisting

- Delays unknown senders

## Greylisting Rules for Spam Filter

- Retries are accepted after five minutes

## Mail Transfer Agent (MTA) Kinds

- Relay Mail Transfer Agent forwards letters between hosts
- Edge Mail Transfer Agent faces the internet
"""
FILTERS = ["Spam Filter", "Custom Filter", "Virus Filter"]


@pytest.fixture(scope="module")
def facts() -> SideFacts:
    lines = tuple(NOTES.splitlines())
    chunks = chunk_documents([Document(SOURCE, lines)])
    sentences = sentences_of(chunks, {SOURCE: lines})
    headings = {title for chunk in chunks for title in chunk.heading_path}
    return SideFacts(sentences, headings, glossary_of([*(s.text for s in sentences), *sorted(headings)]))


def _line(text: str) -> int:
    return next(n for n, line in enumerate(NOTES.splitlines(), start=1) if text in line)


def test_a_side_another_line_says_it_of_is_no_wrong_choice(facts: SideFacts) -> None:
    statement = "Uses Sender Host Validation (SHV) to check senders"
    line = _line(statement)
    assert facts.others_right(statement, "Spam Filter", FILTERS, SOURCE, line) == {"Virus Filter"}
    assert facts.choices_for(statement, "Spam Filter", FILTERS, SOURCE, line) == ["Spam Filter", "Custom Filter"]


def test_a_line_no_other_side_says_keeps_every_choice(facts: SideFacts) -> None:
    statement = "Quarantines infected attachments for a week"
    line = _line(statement)
    assert facts.choices_for(statement, "Virus Filter", FILTERS, SOURCE, line) == FILTERS


def test_a_statement_about_the_whole_kind_is_not_asked(facts: SideFacts) -> None:
    agents = ["Relay Mail Transfer Agent", "Edge Mail Transfer Agent"]
    assert facts.names_the_kind("Can run as private or public MTAs", agents)
    assert facts.names_the_kind("Every mail transfer agent needs a host name", agents)
    assert not facts.names_the_kind("Forwards letters between hosts", agents)
    assert facts.choices_for("Can run as private or public MTAs", agents[0], agents, SOURCE, 1) == []


def test_a_negated_word_of_another_side_tells_nothing_of_this_one() -> None:
    assert told_by_contrast("Needs no custom code at all", "Spam Filter", FILTERS)
    assert not told_by_contrast("Runs your own script on every letter", "Custom Filter", FILTERS)
    assert not told_by_contrast("Does not delay letters", "Spam Filter", FILTERS)


def test_a_rare_word_the_side_headings_carry_gives_it_away(facts: SideFacts) -> None:
    assert facts.tied_by_headings("Enable greylisting for unknown senders", "Spam Filter", FILTERS)
    assert not facts.tied_by_headings("Enable greylisting for unknown senders", "Virus Filter", FILTERS)
    assert not facts.tied_by_headings("Quarantines infected attachments", "Virus Filter", FILTERS)


@pytest.mark.parametrize(
    ("statement", "clause", "opposed"),
    [
        ("Keeps one copy of each letter", "Keeps multiple copies of each letter", True),
        ("Always on (can't be switched off)", "Switched off by default", True),
        ("Keeps letters for a week", "Keeps letters for a month", False),
        ("Lowest cost disk for less frequently read data", "Low cost disk for frequently read data", True),
        ("Up to 16 replicas per region", "Up to 5 replicas per region", True),
        ("Uses name validation", "Only works with name validation", False),
    ],
)
def test_contrasts(statement: str, clause: str, opposed: bool) -> None:
    assert contrasted(statement, clause) is opposed


def test_a_word_the_statement_shows_rules_out_the_sides_without_it() -> None:
    names = ["Fast (SSD) Disk", "Cold (HDD) Disk", "Bulk (HDD) Disk", "Boot (SSD) Disk"]
    assert ruled_in("Lowest cost HDD disk for rarely read data", "Cold (HDD) Disk", names) == [
        "Cold (HDD) Disk",
        "Bulk (HDD) Disk",
    ]
    assert ruled_in("Lowest cost disk for rarely read data", "Cold (HDD) Disk", names) == names
    assert ruled_in("Faster than any HDD disk", "Fast (SSD) Disk", names) == names  # another side's word: a lure
