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
        spans = [(hit.passage.start_line, hit.passage.end_line) for hit in hits]
        assert any(start <= line <= end for start, end in spans), f"{question!r}: line {line} not in {spans}"


def test_hits_are_ranked_and_scored(default_retriever: Retriever):
    hits = default_retriever.search(CASES[0][0], k=5)
    assert [hit.rank for hit in hits] == [1, 2, 3, 4, 5]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert all(0.0 <= hit.score <= 1.0 and 0.0 <= hit.blend <= 1.0 and -1.0 <= hit.dense <= 1.0 for hit in hits)
    assert len({hit.passage.chunk_id for hit in hits}) == 5


def test_a_topic_keeps_every_hit_inside_it(default_retriever: Retriever):
    topic = next(t for t in default_retriever.topics if "Lambda" in t)
    hits = default_retriever.search("How big can a single SQS message be?", k=5, topic=topic)
    assert hits and {hit.passage.topic for hit in hits} == {topic}


def test_typos_are_repaired_against_the_notes_words(default_retriever: Retriever):
    assert default_retriever.vocabulary.repair("conection draning polling") == "connection draining polling"
    assert default_retriever.vocabulary.repair_in_place("How does Conection Draning work?") == (
        "How does connection draining work?"
    )


def test_a_hit_shows_its_section_around_it_within_the_passage_limit(default_retriever: Retriever):
    packer = default_retriever.packer
    for row, chunk in enumerate(default_retriever.chunks):
        passage, rows = packer.passage(row)
        assert row in rows and len(passage.text) <= 1500
        assert passage.chunk_id == chunk.chunk_id and passage.heading_path == chunk.heading_path
        assert passage.start_line <= chunk.start_line and chunk.end_line <= passage.end_line
        siblings = [default_retriever.chunks[r] for r in rows]
        assert all(s.heading_path == chunk.heading_path and s.source == chunk.source for s in siblings)


def test_no_two_hits_show_the_same_chunk(default_retriever: Retriever):
    hits = default_retriever.search("How do SQS FIFO queues remove duplicate messages?", k=10)
    spans = [(h.passage.start_line, h.passage.end_line) for h in hits]
    assert all(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(spans) for b in spans[i + 1 :])
