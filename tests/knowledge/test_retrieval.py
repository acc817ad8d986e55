"""Retrieval over the default notes: questions written for these tests find the lines that answer them."""

from __future__ import annotations

import pytest

from bot.knowledge.corpus import Document, load_corpus
from bot.knowledge.retriever import Retriever
from bot.settings import REPO_ROOT
from tests.knowledge.cases import CASES, TYPOS, answer_line


@pytest.fixture(scope="module")
def notes() -> Document:
    (document,) = load_corpus(REPO_ROOT / "corpus", REPO_ROOT)
    return document


@pytest.mark.parametrize("cases", [CASES, TYPOS], ids=["plain", "typos"])
def test_the_answer_line_is_in_the_top_five(default_retriever: Retriever, notes: Document, cases: list):
    questions = [question for question, _ in cases]
    for (question, words), hits in zip(cases, default_retriever.search_many(questions, k=5), strict=True):
        line = answer_line(notes, words)
        spans = [(hit.chunk.start_line, hit.chunk.end_line) for hit in hits]
        assert any(start <= line <= end for start, end in spans), f"{question!r}: line {line} not in {spans}"


def test_hits_are_ranked_and_scored(default_retriever: Retriever):
    hits = default_retriever.search(CASES[0][0], k=5)
    assert [hit.rank for hit in hits] == [1, 2, 3, 4, 5]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert all(0.0 <= hit.score <= 1.0 and -1.0 <= hit.dense <= 1.0 for hit in hits)
    assert len({hit.chunk.chunk_id for hit in hits}) == 5


def test_a_topic_keeps_every_hit_inside_it(default_retriever: Retriever):
    topic = next(t for t in default_retriever.topics if "Lambda" in t)
    hits = default_retriever.search("How big can a single SQS message be?", k=5, topic=topic)
    assert hits and {hit.chunk.topic for hit in hits} == {topic}


def test_typos_are_repaired_against_the_notes_words(default_retriever: Retriever):
    assert default_retriever.vocabulary.repair("conection draning polling") == "connection draining polling"
    assert default_retriever.unknown_terms("snowflake conection") == ["snowflake"]
