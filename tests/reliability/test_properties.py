"""Property tests: the chunker, grader, question checks and answerer survive any text thrown at them."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.knowledge.answer_markdown import answer_markdown, budgeted_chars
from bot.knowledge.answering import ANSWER_LIMIT, Answerer
from bot.knowledge.chunking import ChunkerSettings, chunk_documents
from bot.knowledge.corpus import Document, load_corpus
from bot.knowledge.questions import clean_question, question_problem
from bot.knowledge.retriever import Retriever
from bot.knowledge.tokens import count_tokens
from bot.quiz.grading import grade
from bot.quiz.item import ItemKind, QuizItem

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
LIMITS = ChunkerSettings(max_chars=400, max_tokens=80)
MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")

markdown_line = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["```", "```python", "~~~", "# ", "## Heading", "###### deep", "- item", "1. step", "> quote", ""]),
    st.builds(
        lambda word, n: (word + " ") * n, st.sampled_from(["lambda", "x", "a-very-long-token"]), st.integers(0, 800)
    ),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=500, max_size=3000),
)
markdown_text = st.lists(markdown_line, max_size=40).map("\n".join)


def assert_within_limits(chunks: list, limits: ChunkerSettings) -> None:
    for chunk in chunks:
        assert chunk.text.strip()
        assert len(chunk.text) <= limits.max_chars
        assert count_tokens(chunk.embed_text) <= limits.max_tokens or len(chunk.text.split()) <= 1
        assert 1 <= chunk.start_line <= chunk.end_line


@PROPERTY
@given(markdown_text)
def test_chunker_survives_markdown_ish_text_and_keeps_limits(text: str) -> None:
    document = Document("notes/any.md", tuple(text.splitlines()))
    chunks = chunk_documents([document], LIMITS)
    assert_within_limits(chunks, LIMITS)
    assert all(c.end_line <= max(1, len(document.lines)) for c in chunks)
    assert len({c.chunk_id for c in chunks}) == len(chunks)


@PROPERTY
@given(st.binary(max_size=4000))
def test_chunker_survives_arbitrary_bytes_in_a_note_file(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "notes").mkdir()
        (root / "notes" / "raw.md").write_bytes(raw)
        documents = load_corpus(root / "notes", root)
    assert len(documents) <= 1  # bytes that are not text are skipped
    assert_within_limits(chunk_documents(documents, LIMITS), LIMITS)


def prompt_of(kind: str, answer: str, accepted: list[str], choices: list[str]) -> QuizItem:
    if kind == "true_false":
        answer = "true" if len(answer) % 2 else "false"
    has_choices = kind in ("multiple_choice", "comparison") and bool(choices)
    return QuizItem(
        id="p",
        kind=kind,
        question="Which one?",
        answer=answer,
        accepted=tuple(accepted),
        choices=(answer, *choices) if has_choices else None,
        source="notes/x.md",
        heading_path=("X",),
        start_line=1,
        end_line=1,
        topic="X",
    )


prompts = st.builds(
    prompt_of,
    st.sampled_from(ItemKind),
    st.text(min_size=1, max_size=60),
    st.lists(st.text(max_size=30), max_size=3),
    st.lists(st.text(min_size=1, max_size=30), max_size=4),
)
responses = st.one_of(st.text(max_size=300), st.sampled_from(["", " ", "a", "B)", "true", "12", "1e309", "0x1F", "∞"]))


@PROPERTY
@given(prompts, responses)
def test_grader_never_raises_and_returns_a_bool(prompt: QuizItem, response: str) -> None:
    result = grade(prompt, response)
    assert isinstance(result.correct, bool)
    assert result.expected == prompt.answer


@PROPERTY
@given(prompts)
def test_grader_accepts_the_expected_answer_itself(prompt: QuizItem) -> None:
    if prompt.answer.strip():
        assert grade(prompt, prompt.answer).correct


hostile_text = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1900, max_size=2100),
    st.lists(
        st.sampled_from(
            [
                "@everyone",
                "@here",
                "<@123>",
                "<@!456>",
                "<@&789>",
                "<#42>",
                "```",
                "[x](http://evil)",
                "\u200b",
                "\u202e",
                "what",
                "is",
                "the",
                "SQS",
                "retention",
                "period",
                "?",
                "Lambda",
                "timeout",
                "\n",
            ]
        ),
        max_size=60,
    ).map(" ".join),
)


@PROPERTY
@given(hostile_text)
def test_question_checks_never_raise(text: str) -> None:
    problem = question_problem(text)
    assert problem is None or problem.message
    cleaned = clean_question(text)
    assert not MENTION.search(cleaned)
    assert "\u200b" not in cleaned and "\u202e" not in cleaned


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=hostile_text)
def test_answers_to_hostile_questions_are_bounded_and_never_echo_mentions(
    shared_answerer: Answerer, question: str
) -> None:
    answer = shared_answerer.answer(question)
    assert answer_markdown(answer)
    assert budgeted_chars(answer) <= ANSWER_LIMIT
    for mention in set(MENTION.findall(question)):
        assert mention not in answer_markdown(answer)
    assert "@everyone" not in answer_markdown(answer) and "@here" not in answer_markdown(answer)


def test_shared_answerer_fixture_answers_a_plain_question(
    shared_answerer: Answerer, default_retriever: Retriever
) -> None:
    answer = shared_answerer.answer("What is the default SQS message retention period?")
    assert answer.problem is None and answer.citations
