from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.errors import NotesIndexError
from bot.knowledge.chunking import Chunk
from bot.quiz.generation import generate_prompts
from bot.quiz.grading import grade
from bot.quiz.prompt import KINDS, Prompt, load_prompts, save_prompts
from tests.quiz.checks import answer_in_cited_lines, problems
from tests.quiz.conftest import fake_embed


def test_small_notes_give_every_kind_and_cover_every_topic(small_prompts: list[Prompt]) -> None:
    kinds = {p.kind for p in small_prompts}
    assert kinds <= set(KINDS)
    assert {"cloze", "numeric", "definition", "comparison"} <= kinds
    assert {p.topic for p in small_prompts} == {"Queues", "Storage"}


def test_every_answer_is_in_its_cited_lines_and_nothing_is_duplicated(
    small_prompts: list[Prompt], notes_lines: dict[str, tuple[str, ...]]
) -> None:
    assert all(answer_in_cited_lines(p, notes_lines) for p in small_prompts)
    assert problems(small_prompts) == []


def test_nothing_comes_from_code_images_or_links(small_prompts: list[Prompt]) -> None:
    text = " ".join(f"{p.question} {p.answer} {p.explanation}" for p in small_prompts)
    assert "QUEUE_SECRET_URL" not in text
    assert "example.com" not in text
    assert "Read more" not in text


def test_numbers_are_asked_with_their_units(small_prompts: list[Prompt]) -> None:
    numeric = {p.answer for p in small_prompts if p.kind == "numeric"}
    assert "256 KB" in numeric or "14 days" in numeric


def test_definitions_name_the_bold_term(small_prompts: list[Prompt]) -> None:
    defined = {p.answer: p for p in small_prompts if "which term is described" in p.question}
    assert "FIFO queue" in defined
    assert "exactly once processing" in defined["FIFO queue"].question


def test_comparisons_offer_both_sides(small_prompts: list[Prompt]) -> None:
    comparisons = [p for p in small_prompts if p.kind == "comparison"]
    assert {p.answer for p in comparisons} == {"EBS", "Instance Store"}
    assert all(p.choices == ("EBS", "Instance Store") for p in comparisons)


def test_generation_is_deterministic_and_ids_survive_an_unrelated_edit(
    notes_chunks: list[Chunk], notes_lines: dict[str, tuple[str, ...]], small_prompts: list[Prompt]
) -> None:
    again = generate_prompts(notes_chunks, fake_embed, notes_lines, min_score=0.0)
    assert again == small_prompts
    edited = replace(notes_chunks[-1], text=notes_chunks[-1].text + "\nA new line")
    ids_after_edit = {p.id for p in generate_prompts([*notes_chunks[:-1], edited], fake_embed, notes_lines, 0.0)}
    assert len(ids_after_edit & {p.id for p in small_prompts}) >= len(small_prompts) - 2


def test_a_higher_bar_keeps_fewer_but_still_covers_each_topic(
    notes_chunks: list[Chunk], notes_lines: dict[str, tuple[str, ...]], small_prompts: list[Prompt]
) -> None:
    strict = generate_prompts(notes_chunks, fake_embed, notes_lines, min_score=100.0)
    assert 0 < len(strict) < len(small_prompts)
    assert {p.topic for p in strict} == {"Queues", "Storage"}


def test_no_notes_give_no_prompts() -> None:
    assert generate_prompts([], fake_embed, {}) == []


def test_prompts_round_trip_through_json_lines(tmp_path: Path, small_prompts: list[Prompt]) -> None:
    path = tmp_path / "index" / "prompts.jsonl"
    save_prompts(path, small_prompts)
    assert load_prompts(path) == small_prompts
    assert [p.name for p in path.parent.iterdir()] == ["prompts.jsonl"]  # no temporary file left behind


def test_a_corrupt_prompts_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "prompts.jsonl"
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(NotesIndexError, match="line 1"):
        load_prompts(path)


def test_every_prompt_accepts_its_own_answer_and_accepted_forms(small_prompts: list[Prompt]) -> None:
    assert all(grade(p, form).correct for p in small_prompts for form in (p.answer, *p.accepted))
