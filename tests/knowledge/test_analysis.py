"""Text analysis: the notes analysed once per index and shared, the two IDF forms, the named sentence splitters
and markdown strippers, each doing what its docstring says it is for."""

from __future__ import annotations

import gc
import math
from pathlib import Path
from typing import cast

import numpy as np
import pytest

from bot.knowledge.analysis.analyser import ENGLISH, TextAnalyser, terms
from bot.knowledge.analysis.idf import floored_idf, vanishing_idf
from bot.knowledge.analysis.markup import (
    folded,
    plain_heading,
    quote_text,
    unmarked_question,
    without_bold_or_code,
    without_emphasis,
)
from bot.knowledge.analysis.notes import NotesAnalysis
from bot.knowledge.analysis.sentences import notes_sentences, oversize_pieces, question_clauses, stem_sentences
from bot.knowledge.answering import Answerer
from bot.knowledge.chunking import Chunk
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.builder import BuildContext
from bot.knowledge.index.embeddings import EmbeddingCache
from bot.knowledge.practice.checker import PracticeChecker
from bot.knowledge.retriever import Retriever

CHUNKS = [
    Chunk("a", "notes.md", ("Harbour", "Ferries"), 1, 3, "The ferries leave at dawn.\n\n**Tickets** are sold here."),
    Chunk("b", "notes.md", ("Harbour",), 5, 6, "The pier is long; ferries dock at noon."),
    Chunk("c", "notes.md", ("Bakery",), 8, 8, "Bread is baked daily."),
]


def test_each_chunk_is_analysed_into_its_terms_its_headings_and_its_lines_in_row_order():
    analysis = NotesAnalysis.of(CHUNKS)
    first = analysis.passages[0]
    assert first.terms == tuple(terms("Harbour\nFerries\nThe ferries leave at dawn.\n\n**Tickets** are sold here."))
    assert first.heading == ("harbour", "ferri")
    assert first.lines == (("ferri", "leav", "dawn"), (), ("ticket", "sold"))
    assert [p.term_set for p in analysis.passages] == [frozenset(terms(c.embed_text)) for c in CHUNKS]
    assert analysis.document_frequency["ferri"] == 2 and analysis.document_frequency["bread"] == 1
    assert "ferries" in analysis.vocabulary and analysis.size == 3


def test_the_collector_stops_tracking_a_passages_terms_so_held_notes_are_not_walked_by_every_full_collection():
    analysis = NotesAnalysis.of(CHUNKS)
    gc.collect()
    gc.collect()  # a tuple of tuples is let go one collection after its members
    groups = [group for p in analysis.passages for group in (p.terms, p.heading, p.lines, *p.lines)]
    assert groups and not any(gc.is_tracked(group) for group in groups)


def test_the_floored_idf_keeps_a_word_in_every_passage_worth_something_the_vanishing_one_does_not():
    assert floored_idf(100, 100) == pytest.approx(math.log(1 + 100 / 101))
    assert floored_idf(100, 100) > math.log(1.5) and floored_idf(1, 1) == pytest.approx(math.log(1.5))
    assert vanishing_idf(100, 100) == pytest.approx(math.log(101 / 100.5)) and vanishing_idf(100, 100) < 0.01
    assert floored_idf(100, 1) > floored_idf(100, 10) and vanishing_idf(100, 1) > vanishing_idf(100, 10)
    analysis = NotesAnalysis.of(CHUNKS)
    assert analysis.floored_idf("bread") == floored_idf(3, 1)
    assert analysis.vanishing_idf("never") == vanishing_idf(3, 0)


def test_an_analyser_with_its_own_stop_words_drops_them_and_stems_the_rest():
    analyser = TextAnalyser(stop_words=frozenset({"ferries"}))
    assert analyser.terms("The ferries leave") == ["the", "leav"]
    assert ENGLISH.terms("The ferries leave") == ["ferri", "leav"]
    assert ENGLISH.words("read-only api.example.com") == [
        "read-only",
        "read",
        "only",
        "api.example.com",
        "api",
        "example",
        "com",
    ]


def test_one_analysis_is_shared_by_retrieval_answering_abstention_and_the_practice_checker(
    default_retriever: Retriever,
):
    analysis = default_retriever.analysis
    assert default_retriever.vocabulary is analysis.vocabulary
    answerer = Answerer(default_retriever)
    assert answerer.lexicon.passages == tuple(p.terms for p in analysis.passages)
    assert answerer.lexicon.stems == analysis.stems
    assert answerer.weights.df is analysis.document_frequency
    assert PracticeChecker(default_retriever).finder.index.analysis is analysis


def test_a_build_analyses_its_chunks_once_for_every_writer_and_again_for_other_chunks(tmp_path: Path) -> None:
    def context(chunks: list[Chunk]) -> BuildContext:
        vectors = np.zeros((len(chunks), 4), dtype=np.float32)
        return BuildContext(tmp_path, (), chunks, vectors, cast(Embedder, None), cast(EmbeddingCache, None))

    build = context(list(CHUNKS))
    assert build.analysis is build.analysis
    assert context(list(CHUNKS)).analysis is not build.analysis


def test_notes_sentences_need_a_capital_after_the_break_and_ignore_abbreviations():
    assert notes_sentences("Use a queue (e.g. a buffer). It scales. Version 1.2 is out.") == [
        "Use a queue (e.g. a buffer).",
        "It scales.",
        "Version 1.2 is out.",
    ]
    assert notes_sentences("Ends here. then goes on") == ["Ends here. then goes on"]


def test_oversize_pieces_break_at_any_clause_end_and_rejoin_to_the_line():
    line = "First part; second part. third part!  fourth"
    assert oversize_pieces(line) == ["First part;", "second part.", "third part!", "fourth"]
    assert " ".join(oversize_pieces("One; two. Three")) == "One; two. Three"


def test_question_clauses_start_after_colons_and_semicolons_too():
    assert question_clauses("Quick one: What is Lambda; Does it scale? Yes") == [
        "Quick one",
        "What is Lambda",
        "Does it scale",
        "Yes",
    ]


def test_stem_sentences_break_after_a_colon_but_not_a_semicolon():
    assert stem_sentences("Consider this: a team; a plan. Which is NOT true?") == [
        "Consider this:",
        "a team; a plan.",
        "Which is NOT true?",
    ]


def test_each_markdown_stripper_takes_out_what_its_text_needs():
    assert plain_heading("**Bold** _it_ [link](http://x.y) ![img](a.png) `code`") == "Bold it link  code"
    assert without_emphasis("**15** _minutes_") == "15 minutes"
    assert without_bold_or_code(" **my_var** and `__init__` * ") == "my_var and init *"
    assert quote_text("**a** `b` __c__ *d*") == "a b __c__ *d*"
    assert folded("  The **Big**   `Queue`_ ") == "the big queue"
    assert unmarked_question("**queue**vs`topic`||x||>y") == " queue vs topic x y"
