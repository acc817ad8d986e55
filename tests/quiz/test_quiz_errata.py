"""The quiz and the notes' errata (#16): a line marked out of date is never asked, nor a stand-in taken from it, nor
anything in the section of a marked heading. Every example is written for these tests."""

from __future__ import annotations

import tomllib

from bot.knowledge.chunking import chunk_documents
from bot.knowledge.corpus import Document
from bot.knowledge.errata import Errata, parse_errata
from bot.quiz.generation import generate_prompts
from bot.quiz.item import QuizItem
from tests.quiz.conftest import fake_embed

NOTES = """\
# Bottling

## Timings

- A wax seal takes **2 minutes** to set on a bottle of the reserve label
- A cork needs **5 minutes** to swell inside the neck of a bottle
- A paper label needs **3 minutes** for its glue to dry on the glass
- A crate is washed in **12 minutes** by the rinsing machine at the depot

## Capacities

- A pallet carries up to **40** crates on the freight line
- A van carries up to **30** pallets on the delivery route
"""

ERRATA = """\
[[outdated]]
match = "A crate is washed in 12 minutes"
current = "The new rinser takes 4 minutes."
source = "Depot notice 3"

[[outdated]]
match = "Capacities"
current = "Pallets and vans were replaced by containers."
source = "Freight memo 9"
"""


def prompts(errata: Errata | None = None) -> list[QuizItem]:
    lines = {"bottling.md": tuple(NOTES.splitlines())}
    chunks = chunk_documents([Document(source, text) for source, text in lines.items()])
    if errata is None:
        return generate_prompts(chunks, fake_embed, lines, min_score=0.0)
    return generate_prompts(chunks, fake_embed, lines, min_score=0.0, outdated=errata)


def shown(prompt: QuizItem) -> str:
    return " ".join([prompt.question, prompt.answer, *(prompt.choices or ())])


def test_without_errata_every_line_is_asked_and_lends_its_figure() -> None:
    found = prompts()
    assert {p.end_line for p in found} == {5, 6, 7, 8, 12, 13}
    assert any("12 minutes" in (p.choices or ()) for p in found if p.end_line != 8)


def test_an_out_of_date_line_is_neither_asked_nor_a_stand_in() -> None:
    found = prompts(parse_errata(tomllib.loads(ERRATA)))
    assert {p.end_line for p in found} == {5, 6, 7}
    assert not [p for p in found if "12 minutes" in shown(p)]  # no choice, no false statement from it
    assert not [p for p in found if "Capacities" in shown(p) or p.heading_path[-1] == "Capacities"]
