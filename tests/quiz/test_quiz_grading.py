from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.quiz.grading import grade
from bot.quiz.item import QuizItem


def make(answer: str, kind: str = "cloze", accepted: tuple[str, ...] = (), choices: tuple[str, ...] | None = None):
    return QuizItem("p1", kind, "Q?", answer, accepted, choices, "notes.md", ("T",), 1, 1, "T")


@pytest.mark.parametrize(
    ("answer", "accepted", "response"),
    [
        ("Simple Queue Service", ("SQS",), "sqs"),
        ("SQS", ("Simple Queue Service",), "Amazon Simple Queue Service"),
        ("read replicas", (), "Read Replica"),
        ("Backup & restore", (), "backup and restore"),
        ("“Multi-Attach”", (), "multi attach"),
        ("multi-part upload", (), "multipart upload"),
        ("the visibility timeout", (), "Visibility timeout."),
        ("15 minutes", (), "15 min"),
        ("15 minutes", (), "15"),
        ("1,000,000", (), "1000000"),
        ("dynamic port mapping", (), "dynamic port maping"),
        ("ProvisionedThroughputExceededException", (), "ProvisionedThroughputExceedException"),
    ],
)
def test_typed_answers_accept_other_forms_and_small_typos(answer: str, accepted: tuple[str, ...], response: str):
    assert grade(make(answer, accepted=accepted), response).correct


@pytest.mark.parametrize(
    ("answer", "response"),
    [
        ("gp2", "gp3"),
        ("io1", "io2"),
        ("air", "chair"),
        ("CloudWatch", "CloudTrail"),
        ("Application Load Balancer", "Network Load Balancer"),
        ("15 minutes", "15 seconds"),
        ("15 minutes", "5 minutes"),
        ("us-east-1a", "us-east-1b"),
        ("SQS", "SNS"),
        ("visibility timeout", ""),
    ],
)
def test_typed_answers_reject_a_different_term(answer: str, response: str) -> None:
    result = grade(make(answer), response)
    assert not result.correct
    assert result.expected == answer


def test_a_typo_is_accepted_with_a_note() -> None:
    result = grade(make("dynamic port mapping"), "dynamic port maping")
    assert result.correct and "typo" in result.note


@pytest.mark.parametrize(("response", "correct"), [("b", True), ("B)", True), ("2", True), ("a", False), ("4", False)])
def test_multiple_choice_by_letter_or_number(response: str, correct: bool) -> None:
    prompt = make("SendMessage", "multiple_choice", choices=("DeleteMessage", "SendMessage", "PurgeQueue", "Poll"))
    assert grade(prompt, response).correct is correct


def test_multiple_choice_by_text_and_a_wrong_choice_is_named() -> None:
    prompt = make("5", "multiple_choice", choices=("4", "15", "6", "5"))
    assert grade(prompt, "5").correct  # the text of a choice wins over its position
    wrong = grade(prompt, "15")
    assert not wrong.correct and "15" in wrong.note


@pytest.mark.parametrize(
    ("answer", "response", "correct"),
    [("True", "t", True), ("True", "YES", True), ("False", "no", True), ("False", "true", False)],
)
def test_true_false_words(answer: str, response: str, correct: bool) -> None:
    assert grade(make(answer, "true_false"), response).correct is correct


def test_true_false_asks_for_true_or_false() -> None:
    result = grade(make("True", "true_false"), "maybe")
    assert not result.correct and "true or false" in result.note


prompts = st.builds(
    QuizItem,
    id=st.text(max_size=8),
    kind=st.sampled_from(["cloze", "definition", "multiple_choice", "numeric", "true_false", "comparison"]),
    question=st.text(max_size=20),
    answer=st.text(max_size=30),
    accepted=st.lists(st.text(max_size=20), max_size=3).map(tuple),
    choices=st.none() | st.lists(st.text(max_size=15), max_size=5).map(tuple),
    source=st.just("notes.md"),
    heading_path=st.just(("T",)),
    start_line=st.just(1),
    end_line=st.just(1),
    topic=st.just("T"),
)


@settings(max_examples=300, deadline=None)
@given(prompt=prompts, response=st.text(max_size=60))
def test_grading_never_raises(prompt: QuizItem, response: str) -> None:
    result = grade(prompt, response)
    assert isinstance(result.correct, bool)
