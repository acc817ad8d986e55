"""Comparison questions: their sides are found, and the answer quotes and cites each side's own passage."""

from __future__ import annotations

import pytest

from bot.knowledge.answer_markdown import answer_markdown
from bot.knowledge.answering import Answer, Answerer
from bot.knowledge.comparisons import comparison_sides, side_queries
from bot.knowledge.corpus import Document, load_corpus
from bot.knowledge.retriever import Retriever
from bot.settings import REPO_ROOT
from tests.knowledge.cases import answer_line


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("Redis vs Memcached", ("Redis", "Memcached")),
        ("When should I use Spot Instances versus Dedicated Hosts?", ("Spot Instances", "Dedicated Hosts")),
        ("Cross vs Nested stacks vs StackSets: which can share outputs?", ("Cross", "Nested stacks", "StackSets")),
        (
            "What's the difference between a rolling deployment and an immutable one?",
            ("rolling deployment", "immutable one"),
        ),
        ("difference between CloudTrail, CloudWatch and X-Ray", ("CloudTrail", "CloudWatch", "X-Ray")),
        ("compare EBS with EFS", ("EBS", "EFS")),
        ("How does an ALB compare to an NLB?", ("ALB", "NLB")),
        ("gp2 volumes compared to io1 volumes", ("gp2 volumes", "io1 volumes")),
    ],
)
def test_the_sides_of_a_comparison_are_found(question: str, sides: tuple[str, ...]):
    assert comparison_sides(question) == sides


@pytest.mark.parametrize(
    "question",
    ["What is the maximum size of a message?", "How do I compare two items?", "a vs", "Is this versus that?"],
)
def test_questions_that_compare_nothing_have_no_sides(question: str):
    assert comparison_sides(question) == ()


def test_each_side_is_searched_with_the_rest_of_the_question():
    question = "Redis vs Memcached: which one keeps data after a restart?"
    assert side_queries(question, comparison_sides(question)) == [
        "Redis one keeps data restart",
        "Memcached one keeps data restart",
    ]


@pytest.fixture(scope="module")
def answerer(default_retriever: Retriever) -> Answerer:
    return Answerer(default_retriever)


@pytest.fixture(scope="module")
def notes() -> Document:
    (document,) = load_corpus(REPO_ROOT / "corpus", REPO_ROOT)
    return document


def _quoted_from(answer: Answer, line: int) -> str:
    """The text quoted from the answer's section whose citation holds `line` ('' when none does)."""
    return next((s.text for s in answer.sections if s.citation.start_line <= line <= s.citation.end_line), "")


@pytest.mark.parametrize(
    ("question", "lines"),
    [
        ("GSI vs LSI", ["Up to five LSIs per table", "GSI = partition key + optional sort key"]),
        (
            "What's the difference between a Local Secondary Index and a Global Secondary Index?",
            ["Up to five LSIs per table", "GSI = partition key + optional sort key"],
        ),
    ],
)
def test_a_comparison_answer_quotes_and_cites_every_side(
    answerer: Answerer, notes: Document, question: str, lines: list[str]
):
    answer = answerer.answer(question)
    assert answer.coverage == "full" and len(answer.compared) == 2
    for words in lines:
        quoted = _quoted_from(answer, answer_line(notes, words))
        assert quoted.strip(), f"{question!r} does not quote the passage of {words!r}"
        assert quoted in answer_markdown(answer)


def test_a_plain_question_is_not_taken_for_a_comparison(answerer: Answerer):
    answer = answerer.answer("How many LSIs can a table have?")
    assert answer.compared == () and len(answer.sections) <= 3
