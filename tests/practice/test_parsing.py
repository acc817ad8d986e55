"""Reading pasted practice questions: option markers, answer-count hints, NOT stems, polite rejections."""

from __future__ import annotations

import pytest

from bot.errors import InvalidInput
from bot.knowledge.practice import make_question, parse_question
from bot.knowledge.practice.parsing import is_negated, select_hint

OPTIONS = ("Amazon S3", "Amazon EBS", "Amazon EFS")


@pytest.mark.parametrize(
    "markers",
    [
        ("A.", "B.", "C."),
        ("A)", "B)", "C)"),
        ("(A)", "(B)", "(C)"),
        ("a -", "b -", "c -"),
        ("- [ ]", "- [x]", "- [ ]"),
    ],
)
def test_options_on_their_own_lines(markers: tuple[str, ...]) -> None:
    text = "Which service stores objects?\n" + "\n".join(f"{m} {o}" for m, o in zip(markers, OPTIONS, strict=True))
    question = parse_question(text)
    assert question.stem == "Which service stores objects?"
    assert question.options == OPTIONS
    assert question.select == 1


def test_options_on_one_line() -> None:
    question = parse_question("Which service stores objects? A. Amazon S3 B. Amazon EBS C. Amazon EFS")
    assert question.stem == "Which service stores objects?"
    assert question.options == OPTIONS


def test_wrapped_option_lines_are_joined_and_stem_may_span_lines() -> None:
    text = "A team stores logs.\nWhich service?\nA. Amazon S3 with\n   lifecycle rules\nB. Amazon EBS"
    question = parse_question(text)
    assert question.stem == "A team stores logs. Which service?"
    assert question.options == ("Amazon S3 with lifecycle rules", "Amazon EBS")


def test_stem_starting_with_the_article_a_is_not_an_option() -> None:
    question = parse_question("A developer needs storage. Which one?\nA. Amazon S3\nB. Amazon EBS")
    assert question.stem.startswith("A developer")
    assert len(question.options) == 2


@pytest.mark.parametrize(
    ("stem", "count"),
    [
        ("Which are true? (Select TWO)", 2),
        ("Which apply? (Choose 3)", 3),
        ("Choose two. Which apply?", 2),
        ("Which?", 1),
    ],
)
def test_select_hints(stem: str, count: int) -> None:
    assert select_hint(stem) == count
    question = make_question(stem, ["w", "x", "y", "z"])
    assert question.select == count
    assert "select" not in question.stem.lower() and "choose" not in question.stem.lower()


def test_explicit_select_wins_over_the_hint() -> None:
    assert make_question("Which are true? (Select TWO)", ["w", "x", "y"], select=1).select == 1


@pytest.mark.parametrize(
    ("stem", "negated"),
    [
        ("Which of the following is NOT a feature of Amazon S3?", True),
        ("All of the following are Route 53 routing policies EXCEPT:", True),
        ("Which statement about security groups is incorrect?", True),
        ("The company does not want to manage servers. Which service should it use?", False),
        ("Which service should the developer use?", False),
        ("What should the developer do so that a message being processed is not delivered to another worker?", False),
        ("Which setting makes sure that deleted objects are not lost?", False),
        ("Which of these is not a routing policy when records have health checks?", True),
    ],
)
def test_negated_stems(stem: str, negated: bool) -> None:
    assert is_negated(stem) is negated


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("", "Paste a practice question"),
        ("   ", "Paste a practice question"),
        ("What is Amazon S3?", "at least two options"),
        ("What is Amazon S3?\nA. storage", "at least two options"),
        ("Which?\nA. same\nB. Same", "same text"),
        ("A. first\nB. second", "no text before its options"),
    ],
)
def test_rejections_explain_what_is_wrong(text: str, hint: str) -> None:
    with pytest.raises(InvalidInput, match=hint):
        parse_question(text)


def test_select_must_leave_an_option_out() -> None:
    with pytest.raises(InvalidInput, match="pick at least one and fewer than all"):
        make_question("Which? (Select TWO)", ["x", "y"])


def test_too_many_options_are_rejected() -> None:
    with pytest.raises(InvalidInput, match="at most 8"):
        make_question("Which?", [f"option {n}" for n in range(9)])


def test_too_long_is_rejected() -> None:
    with pytest.raises(InvalidInput, match="too long"):
        make_question("Why? " * 1000, ["x", "y"])
