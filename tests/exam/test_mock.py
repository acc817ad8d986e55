"""Exam domains over the notes' sections, and mock exams spread over them by weight."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.errors import InvalidInput
from bot.exam.domains import ExamDomains
from bot.exam.mock import TRUE_FALSE_CHOICES, assemble_mock, minutes_for
from bot.knowledge.profile import ExamBlueprint, ExamDomain
from bot.quiz.item import QuizItem
from bot.service.exam_domains import domain_listing

GARDEN = ExamBlueprint(
    name="Gardening 101",
    questions=10,
    minutes=20,
    domains=(ExamDomain("Soil", 60, ("Soil", "Compost")), ExamDomain("Plants", 40, ("Roses",))),
)
SECTIONS = ["Soil", "Compost", "Roses", "Tools"]


def item(number: int, topic: str, kind: str = "multiple_choice", quality: float = 3.0) -> QuizItem:
    choices = None if kind == "true_false" else ("a", "b")
    return QuizItem(
        f"{topic}-{number}", kind, f"{topic} question {number}?", "a", (), choices, "notes.md", (topic,),
        number, number, topic, quality=quality,
    )  # fmt: skip


def bank() -> list[QuizItem]:
    lines = iter(range(1, 1000))
    return [
        *(item(next(lines), "Soil", quality=q) for q in (4, 4, 3, 3, 2, 2)),
        *(item(next(lines), "Compost", "comparison", quality=q) for q in (4, 3, 3)),
        *(item(next(lines), "Roses", "true_false", quality=q) for q in (4, 3, 2, 2, 1)),
        *(item(next(lines), "Roses", "cloze", quality=5) for _ in range(5)),  # typed answers: never in a mock
        *(item(next(lines), "Tools", quality=5) for _ in range(3)),  # a section in no domain
    ]


def test_without_a_blueprint_every_top_level_section_is_a_domain_of_equal_weight() -> None:
    domains = ExamDomains.over(ExamBlueprint(), SECTIONS)
    assert domains.weights == {s: 25.0 for s in SECTIONS}
    assert domains.domain_of(item(1, "Compost")) == "Compost"


def test_a_blueprint_maps_sections_to_its_domains_in_per_cent() -> None:
    domains = ExamDomains.over(GARDEN, SECTIONS)
    assert domains.weights == {"Soil": 60.0, "Plants": 40.0}
    assert [domains.domain_of(item(1, s)) for s in SECTIONS] == ["Soil", "Soil", "Plants", None]


def test_a_servers_moves_reassign_sections_but_never_the_weights() -> None:
    domains = ExamDomains.over(GARDEN, SECTIONS)
    moved = domains.with_moves({"Compost": "Plants", "Tools": "Soil", "Roses": None, "Soil": "Astrology"})
    assert moved.weights == domains.weights
    assert [moved.domain_of(item(1, s)) for s in SECTIONS] == ["Soil", "Plants", None, "Soil"]  # unknown: ignored
    assert domain_listing(moved, SECTIONS) == [
        ("Soil (60%)", ["Soil", "Tools"]),
        ("Plants (40%)", ["Compost"]),
        ("In no domain", ["Roses"]),
    ]
    counts = assemble_mock(bank(), moved, 10, 20, seed="s").domain_counts()
    assert counts == {"Soil": 7, "Plants": 3}  # Plants keeps only the three Compost items: Soil makes up the rest


def test_a_mock_is_spread_by_weight_from_the_best_picking_items() -> None:
    mock = assemble_mock(bank(), ExamDomains.over(GARDEN, SECTIONS), 10, 20, seed="s")
    assert mock.domain_counts() == {"Soil": 6, "Plants": 4}
    chosen = [q.item for q in mock.questions]
    assert all(p.kind in {"multiple_choice", "comparison", "true_false"} and p.topic != "Tools" for p in chosen)
    assert min(p.quality for p in chosen if p.topic == "Roses") == 2  # the best four of five
    assert {p.topic for p in chosen if p.quality == 4} == {"Soil", "Compost", "Roses"}
    assert all(q.choices == TRUE_FALSE_CHOICES for q in mock.questions if q.item.kind == "true_false")
    assert len({p.id for p in chosen}) == len(chosen)


def test_the_same_seed_gives_the_same_mock_and_another_seed_another_order() -> None:
    domains = ExamDomains.over(GARDEN, SECTIONS)
    first, again = (assemble_mock(bank(), domains, 8, 16, seed="a") for _ in range(2))
    assert first == again
    orders = {tuple(q.item.id for q in assemble_mock(bank(), domains, 8, 16, seed=s).questions) for s in "abcdef"}
    assert len(orders) > 1


def test_the_last_mock_is_avoided_while_other_items_are_left() -> None:
    domains = ExamDomains.over(GARDEN, SECTIONS)
    last = {q.item.id for q in assemble_mock(bank(), domains, 4, 8, seed="a").questions}
    again = {q.item.id for q in assemble_mock(bank(), domains, 4, 8, seed="a", avoid=last).questions}
    assert not last & again


def test_a_domain_short_of_items_gives_its_share_to_the_others_and_one_passage_is_asked_once() -> None:
    copies = [replace(item(10, "Roses", "true_false", quality=0), id=f"copy-{n}") for n in range(2)]  # line 10 again
    items = [*bank(), *copies]
    mock = assemble_mock(items, ExamDomains.over(GARDEN, SECTIONS), 14, 28, seed="s")
    assert mock.domain_counts() == {"Soil": 9, "Plants": 5}  # Plants has 5 picking items of 5.6 wanted
    lines = [(q.item.source, q.item.start_line) for q in mock.questions]
    assert len(set(lines)) == len(lines)


def test_the_time_follows_the_exam_pace() -> None:
    assert minutes_for(65, ExamBlueprint()) == 130 and minutes_for(20, ExamBlueprint()) == 40
    assert minutes_for(1, GARDEN) == 2


@pytest.mark.parametrize(("questions", "minutes"), [(0, 10), (501, 10), (10, 0)])
def test_an_impossible_mock_is_refused(questions: int, minutes: int) -> None:
    with pytest.raises(InvalidInput, match="1 to 500 questions"):
        assemble_mock(bank(), ExamDomains.over(GARDEN, SECTIONS), questions, minutes, seed="s")
