"""Follow-ups recognised by their form alone, and rewritten against the previous question."""

from __future__ import annotations

import pytest

from bot.knowledge.followups import FollowUpReader

READER = FollowUpReader(["Photosynthesis", "Cell Biology: Mitochondria and Ribosomes", "Plate Tectonics"])
PREVIOUS = "How much ATP does one Mitochondria cycle produce?"


@pytest.mark.parametrize("question", ["why?", "How so?", "and then?", "Like what?", "why", "ok, how?"])
def test_an_ellipsis_asks_the_previous_question_again_with_its_own_words(question: str):
    follow_up = READER.resolve(question, PREVIOUS)
    assert follow_up is not None and follow_up.kind == "ellipsis"
    assert PREVIOUS.rstrip("?") in follow_up.question and question.strip("?").split()[-1] in follow_up.question


@pytest.mark.parametrize(
    ("question", "subject"),
    [("what about Ribosomes?", "Ribosomes"), ("How about chloroplast membranes?", "chloroplast membranes"),
     ("and for Ribosomes?", "Ribosomes"), ("or the Golgi apparatus?", "the Golgi apparatus")],
)  # fmt: skip
def test_another_subject_is_asked_the_previous_question_in_place_of_its_names(question: str, subject: str):
    follow_up = READER.resolve(question, PREVIOUS)
    assert follow_up is not None and follow_up.kind == "another_subject"
    assert follow_up.question == f"How much ATP does one {subject} cycle produce?"  # its topic's name swapped


def test_without_a_topic_name_the_last_name_is_swapped():
    follow_up = READER.resolve("what about UDP?", "Which port does the XRay daemon listen on over TCP?")
    assert follow_up is not None and follow_up.question == "Which port does the XRay daemon listen on over UDP?"


@pytest.mark.parametrize(
    "question", ["and what are its limits?", "Why does it matter?", "what about its cost?", "is that the default?"]
)
def test_a_reference_back_with_no_name_of_its_own_gets_the_previous_key_words(question: str):
    follow_up = READER.resolve(question, PREVIOUS)
    assert follow_up is not None and follow_up.kind == "reference"
    assert "ATP" in follow_up.question and "Mitochondria" in follow_up.question
    assert follow_up.question.startswith(question.rstrip("?"))


@pytest.mark.parametrize(
    "question",
    [
        "and what is a Ribosome?",  # names its subject, however it starts
        "What does photosynthesis produce?",  # a topic word, written in lower case
        "How do plate tectonics move continents?",
        "Is it true that ATP stores energy?",  # a pronoun, but a name of its own
        "and how do Ribosomes read mRNA?",
        "What is the difference between DNA and RNA?",
    ],
)
def test_a_self_contained_question_is_never_rewritten(question: str):
    assert READER.kind(question) is None
    assert READER.resolve(question, PREVIOUS) is None


def test_without_a_previous_question_nothing_is_rewritten():
    assert READER.kind("why?") == "ellipsis"
    assert READER.resolve("why?", None) is None


def test_a_previous_question_that_names_nothing_gets_the_new_subject_added():
    follow_up = READER.resolve("what about ribosomes?", "how much energy is stored per cycle?")
    assert follow_up is not None and follow_up.question == "how much energy is stored per cycle (ribosomes)?"
