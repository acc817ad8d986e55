from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.errors import NotesIndexError
from bot.knowledge.chunking import Chunk, chunk_documents
from bot.knowledge.corpus import Document
from bot.quiz.candidates import Candidate
from bot.quiz.generation import MIN_SCORE, SECTION_SPARE_STEP, generate_prompts, select
from bot.quiz.grading import grade
from bot.quiz.item import ItemKind, QuizItem, load_prompts, save_prompts
from tests.quiz.checks import answer_in_cited_lines, problems
from tests.quiz.conftest import fake_embed


def test_small_notes_give_every_kind_and_cover_every_topic(small_prompts: list[QuizItem]) -> None:
    kinds = {p.kind for p in small_prompts}
    assert kinds <= set(ItemKind)
    assert {"cloze", "numeric", "multiple_choice", "true_false", "comparison"} <= kinds
    assert {p.topic for p in small_prompts} == {"Queues", "Storage"}


def test_every_answer_is_in_its_cited_lines_and_nothing_is_duplicated(
    small_prompts: list[QuizItem], notes_lines: dict[str, tuple[str, ...]]
) -> None:
    assert all(answer_in_cited_lines(p, notes_lines) for p in small_prompts)
    assert problems(small_prompts) == []


def test_nothing_comes_from_code_images_or_links(small_prompts: list[QuizItem]) -> None:
    text = " ".join(f"{p.question} {p.answer} {p.explanation}" for p in small_prompts)
    assert "QUEUE_SECRET_URL" not in text
    assert "example.com" not in text
    assert "Read more" not in text


def test_numbers_are_asked_with_their_units(small_prompts: list[QuizItem]) -> None:
    numeric = {p.answer for p in small_prompts if p.kind == "numeric"}
    assert "256 KB" in numeric or "14 days" in numeric


def test_terms_defined_side_by_side_are_each_others_choices_and_stand_ins(small_prompts: list[QuizItem]) -> None:
    modes = {"Standard queue", "FIFO queue", "Delay queue", "Dead-letter queue"}
    asked = [p for p in small_prompts if p.heading_path[-1] == "SQS Delivery Modes"]
    assert len(asked) == 4
    for prompt in asked:
        assert prompt.kind in ("multiple_choice", "true_false")
        if prompt.kind == "multiple_choice":
            assert "which term is described" in prompt.question and set(prompt.choices or ()) == modes
        else:  # the line's own explanation, naming its own term (true) or another mode of the same list (false)
            named = prompt.question.rsplit(" describes ", 1)[1].rstrip(".")
            assert named in modes and (named in prompt.explanation) == (prompt.answer == "True")
    assert "exactly once processing" in next(p.question for p in asked if "FIFO queue" in p.explanation)


def test_comparisons_offer_both_sides(small_prompts: list[QuizItem]) -> None:
    comparisons = [p for p in small_prompts if p.kind == "comparison"]
    assert {p.answer for p in comparisons} == {"EBS", "Instance Store"}
    assert all(p.choices == ("EBS", "Instance Store") for p in comparisons)


def test_generation_is_deterministic_and_ids_survive_an_unrelated_edit(
    notes_chunks: list[Chunk], notes_lines: dict[str, tuple[str, ...]], small_prompts: list[QuizItem]
) -> None:
    again = generate_prompts(notes_chunks, fake_embed, notes_lines, min_score=0.0)
    assert again == small_prompts
    edited = replace(notes_chunks[-1], text=notes_chunks[-1].text + "\nA new line")
    ids_after_edit = {p.id for p in generate_prompts([*notes_chunks[:-1], edited], fake_embed, notes_lines, 0.0)}
    assert len(ids_after_edit & {p.id for p in small_prompts}) >= len(small_prompts) - 2


def test_a_higher_bar_keeps_fewer_but_still_covers_each_topic(
    notes_chunks: list[Chunk], notes_lines: dict[str, tuple[str, ...]], small_prompts: list[QuizItem]
) -> None:
    strict = generate_prompts(notes_chunks, fake_embed, notes_lines, min_score=100.0)
    assert 0 < len(strict) < len(small_prompts)
    assert {p.topic for p in strict} == {"Queues", "Storage"}


def test_no_notes_give_no_prompts() -> None:
    assert generate_prompts([], fake_embed, {}) == []


def test_prompts_round_trip_through_json_lines(tmp_path: Path, small_prompts: list[QuizItem]) -> None:
    path = tmp_path / "index" / "prompts.jsonl"
    save_prompts(path, small_prompts)
    assert load_prompts(path) == small_prompts
    assert [p.name for p in path.parent.iterdir()] == ["prompts.jsonl"]  # no temporary file left behind


def test_a_corrupt_prompts_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "prompts.jsonl"
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(NotesIndexError, match="line 1"):
        load_prompts(path)


def test_every_prompt_accepts_its_own_answer_and_accepted_forms(small_prompts: list[QuizItem]) -> None:
    assert all(grade(p, form).correct for p in small_prompts for form in (p.answer, *p.accepted))


DATED_NOTES = """\
# Storage

## Consistency -- Before December 2020

- A read right after a write could take up to `2` seconds to see the **new object** in every region

## Consistency now

- Every read after a write sees the **new object** within `1` second in every region

## Device sync

- **Device Sync**:
  - Copies the data of a phone to the cloud every `5` minutes while it is charging
  - Is deprecated and replaced by the **Cloud Replicator** service
- **Cloud Cache**: keeps the last `30` minutes of the data close to the readers of a bucket

## Scaling Example

- The fleet adds one more instance when its load stays beyond `70%` for `10` minutes
"""


def test_what_the_notes_mark_as_out_of_date_or_as_an_example_is_not_asked() -> None:
    lines = {"notes/dated.md": tuple(DATED_NOTES.splitlines())}
    chunks = chunk_documents([Document(source, text) for source, text in lines.items()])
    asked = {p.heading_path[-1] for p in generate_prompts(chunks, fake_embed, lines, min_score=0.0)}
    explained = " ".join(p.explanation for p in generate_prompts(chunks, fake_embed, lines, min_score=0.0))
    assert "Consistency now" in asked
    assert "Consistency -- Before December 2020" not in asked and "Scaling Example" not in asked
    assert "Copies the data" not in explained and "Cloud Replicator" not in explained
    assert "keeps the last" in explained  # the next item of the same list is current


def test_a_section_nothing_asks_about_gets_its_best_choice_or_true_statement_just_below_the_bar() -> None:
    def offered(line: int, section: str, kind: str, answer: str, score: float) -> Candidate:
        prompt = QuizItem(
            f"p{line}",
            kind,
            f"Q{line} — {section} line {line} _____",
            answer,
            (),
            None,
            "n.md",
            ("T", section),
            line,
            line,
            "T",
        )
        return Candidate(prompt, score)

    near = MIN_SCORE - SECTION_SPARE_STEP / 2
    kept = select(
        [
            offered(1, "Asked", ItemKind.CLOZE, "Alpha", MIN_SCORE + 1),
            offered(2, "Asked", ItemKind.MULTIPLE_CHOICE, "Beta", near),  # its section is asked already
            offered(3, "Bare", ItemKind.TRUE_FALSE, "False", near),  # made false by a stand-in: not a spare
            offered(4, "Bare", ItemKind.MULTIPLE_CHOICE, "Delta", near),
            offered(5, "Bare", ItemKind.TRUE_FALSE, "True", near - 0.001),  # the section has its spare now
            offered(6, "Typed", ItemKind.CLOZE, "Zeta", near),  # typed blanks are no spares
            offered(7, "Far", ItemKind.MULTIPLE_CHOICE, "Eta", MIN_SCORE - 2 * SECTION_SPARE_STEP),
        ],
        MIN_SCORE,
    )
    assert [p.id for p in kept] == ["p1", "p4"]
