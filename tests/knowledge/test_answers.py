"""Answers over the default notes: citations that hold, limits, formatting, abstention, and bad input."""

from __future__ import annotations

import pytest

from bot.knowledge.abstention import NotesLexicon
from bot.knowledge.analysis.spelling import Vocabulary
from bot.knowledge.answer_markdown import answer_markdown, budgeted_chars
from bot.knowledge.answering import ANSWER_LIMIT, Answer, Answerer
from bot.knowledge.corpus import Document, load_corpus
from bot.knowledge.questions import MAX_QUESTION_CHARS, clean_question, question_problem
from bot.knowledge.retriever import Retriever
from bot.settings import REPO_ROOT
from tests.knowledge.cases import CASES
from tests.knowledge.helpers import shown_lines, squeezed

COVERED = [question for question, _ in CASES] + [
    "What is the difference between a public and a private IP on EC2?",
    "How do security groups handle inbound traffic?",
    "Tell me everything about Lambda",
]
NOT_COVERED = [
    "How do I configure a Kubernetes pod autoscaler?",
    "What is the price of a Snowflake warehouse credit?",
    "How do I bake sourdough bread?",
    "Who won the football world cup in 2018?",
    "How do I set up Azure Blob Storage lifecycle rules?",
]


@pytest.fixture(scope="module")
def answerer(default_retriever: Retriever) -> Answerer:
    return Answerer(default_retriever)


@pytest.fixture(scope="module")
def covered(answerer: Answerer) -> list[Answer]:
    return answerer.answer_many(COVERED)


@pytest.fixture(scope="module")
def notes() -> Document:
    (document,) = load_corpus(REPO_ROOT / "corpus", REPO_ROOT)
    return document


def test_covered_questions_are_answered_with_citations(covered: list[Answer]):
    for answer in covered:
        assert not answer.abstained and answer.problem is None, answer.query
        assert answer.citations and 0 < answer.confidence <= 1


def test_citations_are_real_line_spans_that_contain_the_shown_lines(covered: list[Answer], notes: Document):
    shown = shown_lines(notes)
    for answer in covered:
        for section in answer.sections:
            citation = section.citation
            assert citation.source == notes.source
            span = squeezed("".join(line or "" for line in shown[citation.start_line - 1 : citation.end_line]))
            for line in section.text.split("\n"):
                assert squeezed(line.removesuffix("…")) in span, f"{line!r} is not in {citation.label}"


def test_answers_contain_the_answer_line_and_stay_within_the_limit(covered: list[Answer]):
    for answer, (_, words) in zip(covered[: len(CASES)], CASES, strict=True):
        assert words in answer_markdown(answer), answer.query
    for answer in covered:
        assert budgeted_chars(answer) <= ANSWER_LIMIT, (answer.query, budgeted_chars(answer))


def test_answer_keeps_bold_and_inline_code(covered: list[Answer]):
    assert "**default is `300` seconds**" in answer_markdown(covered[1])


def test_diagrams_are_listed_apart_never_inside_the_text(covered: list[Answer]):
    with_diagrams = [a for a in covered if a.diagrams]
    assert with_diagrams
    for answer in covered:
        assert "![" not in answer_markdown(answer) and "://" not in answer_markdown(answer)
        assert all(url.startswith("https://") and url.endswith(".png") for url in answer.diagrams)


def test_questions_the_notes_do_not_cover_are_declined_with_suggestions(answerer: Answerer):
    for answer in answerer.answer_many(NOT_COVERED):
        assert answer.abstained and answer.problem == "not_covered", answer.query
        assert answer.coverage == "none" and answer.missing
        assert answer.sections == () and answer.suggestions
        assert answer_markdown(answer).startswith(answer.missing) and "can't answer that" in answer_markdown(answer)
        assert all(suggestion in answer_markdown(answer) for suggestion in answer.suggestions[:3])


# The notes cover these subjects but give no quantity of the kind asked: near misses, answered in part.
NEAR_MISSES = [
    ("How long does an Elastic Beanstalk blue/green deployment take to finish?", "a duration"),
    ("How much does an SQS FIFO queue cost per million requests?", "a price"),
]


@pytest.mark.parametrize(("question", "label"), NEAR_MISSES)
def test_a_near_miss_says_what_the_notes_lack_then_quotes_nearby_lines(answerer: Answerer, question: str, label: str):
    answer = answerer.answer(question)
    assert answer.coverage == "partial" and not answer.abstained
    assert answer_markdown(answer).startswith(f"The notes don't give {label} for ")
    assert answer.citations and answer.sections[0].text in answer_markdown(answer)


def test_covered_questions_are_full_answers(covered: list[Answer]):
    assert [a.coverage for a in covered] == ["full"] * len(covered)


def test_a_foreign_product_name_is_named_in_the_decline(answerer: Answerer):
    assert "Snowflake" in answerer.answer("What is the price of a Snowflake warehouse credit?").lead


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("?!?... --- !!", "empty"),
        ("<@123456789> @everyone", "empty"),
        ("👍👍", "empty"),
        ("what is sqs " * 200, "too_long"),
        ("Что такое очередь SQS и как она работает?", "other_script"),
        ("什么是亚马逊云的消息队列？", "other_script"),
        ("thanks!", "chit_chat"),
        ("Hello there!", "chit_chat"),
        ("hi bot", "chit_chat"),
        ("ok", "chit_chat"),
    ],
)
def test_bad_input_gets_a_reply_never_a_passage(answerer: Answerer, question: str, kind: str):
    answer = answerer.answer(question)
    assert (answer.abstained, answer.problem) == (True, kind)
    assert answer.sections == () and answer.hits == () and answer.diagrams == ()
    assert answer_markdown(answer) == question_problem(question).message


def test_question_length_limit_is_exact():
    assert question_problem("q" * MAX_QUESTION_CHARS) is None
    problem = question_problem("q" * (MAX_QUESTION_CHARS + 1))
    assert problem is not None and problem.kind == "too_long" and "2,001" in problem.message


def test_a_greeting_followed_by_a_question_is_a_question():
    assert question_problem("thanks! and how long can long polling wait?") is None


def test_mentions_and_markdown_are_stripped_before_search(answerer: Answerer):
    noisy = "<@123456789> <@!42> <#77> <@&9> @everyone @here how long can **SQS long polling** `wait`? ||x||"
    assert clean_question(noisy) == "how long can SQS long polling wait ? x"
    clean = answerer.answer("how long can SQS long polling wait?")
    answer = answerer.answer(noisy)
    assert answer.query == noisy
    assert not answer.abstained and answer.citations == clean.citations


def test_a_typo_does_not_make_a_covered_question_declined(answerer: Answerer):
    assert not answerer.answer("how long is the conection draning delay by defualt").abstained


def test_product_names_are_known_in_other_forms_but_not_when_their_words_are_far_apart():
    notes = [
        "EBS > Backups\n- EBS volume snapshots are stored in S3",
        "ElastiCache -- Redis vs Memcached\n- Redis has replication",
        "VPC\n- Encryption in transit uses TLS\n- A NAT gateway gives private subnets internet access",
    ]
    vocabulary = Vocabulary(notes)
    lexicon = NotesLexicon.of(notes, vocabulary, set())
    assert lexicon.mentions("EBS Snapshot")
    assert lexicon.mentions("Redis ElastiCache")
    assert not lexicon.mentions("Transit Gateway")
    assert not lexicon.mentions("Route Resolver")
