"""The learned reranker: its measures, its stored model, and its effect on the default notes' search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.errors import IndexCorrupt
from bot.knowledge.analysis.analyser import terms
from bot.knowledge.analysis.notes import NotesAnalysis
from bot.knowledge.chunking import Chunk
from bot.knowledge.logistic import Stage
from bot.knowledge.reranking import RERANK_FEATURES, CandidateMeasures, Reranker
from bot.knowledge.retriever import Retriever
from tests.knowledge.cases import CASES


def _chunk(row: int, heading: str, text: str) -> Chunk:
    return Chunk(f"c{row}", "notes.md", (heading,), row * 10 + 1, row * 10 + 5, text)


CHUNKS = [
    _chunk(0, "Harbour", "- The ferry leaves at dawn.\n- Tickets are sold at the pier kiosk for 4 dollars."),
    _chunk(1, "Harbour", "- The kiosk opens late.\n- A ferry ticket can be bought online.\n- The pier is long."),
    _chunk(2, "Bakery", "- Bread is baked every 3 hours.\n- Rye takes longest."),
]


def _measures(question: str, rows: list[int]) -> dict[int, dict[str, float]]:
    values = CandidateMeasures(CHUNKS, NotesAnalysis.of(CHUNKS)).rows(
        terms(question), np.array(rows), np.linspace(1, 0, len(rows))
    )
    return {row: dict(zip(RERANK_FEATURES, v, strict=True)) for row, v in zip(rows, values, strict=True)}


def test_a_chunk_stating_the_fact_on_one_line_covers_more_than_one_with_the_words_apart():
    found = _measures("where are tickets sold at the pier kiosk?", [0, 1])
    assert found[0]["line_cover"] == pytest.approx(1.0)
    assert found[1]["line_cover"] < 0.5


def test_a_line_is_read_with_its_headings():
    found = _measures("bakery rye", [2, 0])
    assert found[2]["line_cover"] == pytest.approx(1.0)
    assert found[0]["line_cover"] == 0.0


def _stage(features: tuple[str, ...]) -> Stage:
    n = len(features)
    return Stage(features, (0.0,) * n, (1.0,) * n, (1.0,) + (0.0,) * (n - 1), 0.0, {"cv_rerank_r1": 0.5})


def test_the_stored_reranker_reads_back_and_refuses_other_measures(tmp_path: Path):
    path = tmp_path / "reranker.json"
    model = Reranker(_stage(RERANK_FEATURES))
    model.save(path)
    assert Reranker.load(path) == model
    Reranker(_stage(("blend", "something_else"))).save(path)
    with pytest.raises(IndexCorrupt, match="other measures"):
        Reranker.load(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="build-index"):
        Reranker.load(path)


def test_the_built_index_has_a_reranker_with_cross_validated_figures(default_retriever: Retriever):
    reranker = default_retriever.reranker
    assert reranker is not None
    report = reranker.report
    assert {"cv_blend_r1", "cv_blend_mrr", "cv_rerank_r1", "cv_rerank_mrr"} <= report.keys()
    assert report["questions"] >= 100
    # Held-out generated questions: reranking must not be worse than the blend it reorders.
    assert report["cv_rerank_mrr"] >= report["cv_blend_mrr"]


def test_reranking_only_reorders_the_blend_candidates(default_retriever: Retriever):
    question = CASES[0][0]
    vector = default_retriever.embed_questions([question])[0]
    found = default_retriever.candidates(question, vector)
    order, relevance = default_retriever.ranked(question, found)
    assert sorted(order.tolist()) == list(range(len(found.rows)))
    assert list(relevance) == sorted(relevance, reverse=True)
    plain = Retriever(default_retriever.index, default_retriever.embedder, analysis=default_retriever.analysis)
    assert plain.ranked(question, found)[0].tolist() == list(range(len(found.rows)))
