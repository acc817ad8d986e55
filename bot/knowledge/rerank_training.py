"""Training the reranker at index build time, on questions generated from the notes (never on evaluation sets).

Each generated question is about one line of one chunk (bot/knowledge/answer_training.py, `QuestionGenerator.
located`). The first stage's best candidates are measured (bot/knowledge/reranking.py); a candidate is a right
answer when its passage holds that chunk. Figures are cross-validated by question (5 folds): recall@1 and MRR of the
first stage's order beside the reranked order on the held-out questions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.model_selection import GroupKFold

from bot.knowledge.analysis.analyser import STOP_WORDS
from bot.knowledge.answer_training import QuestionGenerator
from bot.knowledge.coverage import TermWeights
from bot.knowledge.logistic import fit_stage
from bot.knowledge.reranking import RERANK_FEATURES, Reranker
from bot.knowledge.retriever import Retriever

QUESTIONS = 400  # generated questions: enough for eight weights, a few seconds of embedding


def _first_right(order: np.ndarray, labels: np.ndarray) -> int | None:
    """1-based rank of the first right candidate in `order`, None when none is."""
    right = np.flatnonzero(labels[order])
    return int(right[0]) + 1 if right.size else None


def _figures(ranks: Sequence[int | None], prefix: str) -> dict[str, float]:
    n = max(1, len(ranks))
    return {
        f"{prefix}_r1": sum(r == 1 for r in ranks) / n,
        f"{prefix}_mrr": sum(1 / r for r in ranks if r is not None and r <= 10) / n,
    }


def train_reranker(retriever: Retriever, weights: TermWeights) -> Reranker:
    """Fit the reranker on questions generated from `retriever`'s notes; its report holds cross-validated
    recall@1 and MRR@10 (on candidates) of the first stage (`blend_*`) and the reranker (`rerank_*`)."""
    generator = QuestionGenerator(retriever.chunks, weights, set(retriever.vocabulary.counts) | set(STOP_WORDS))
    located = generator.located(QUESTIONS)
    row_of = {c.chunk_id: row for row, c in enumerate(retriever.chunks)}
    vectors = retriever.embed_questions([q.question for q in located]) if located else np.zeros((0, 1))
    groups: list[tuple[np.ndarray, np.ndarray]] = []  # per question: measures, right-or-not per candidate
    for item, vector in zip(located, vectors, strict=True):
        found = retriever.candidates(item.question, vector)
        measures = retriever.rerank_measures(item.question, found)
        gold = row_of[item.chunk_id]
        labels = np.array([gold in retriever.packer.rows_around(int(r)) for r in found.rows[: len(measures)]])
        if labels.any() and not labels.all():
            groups.append((measures, labels))
    rows = [m for measures, _ in groups for m in measures]
    answers = [bool(a) for _, labels in groups for a in labels]
    stage = fit_stage(RERANK_FEATURES, rows, answers, cross_validate=False)
    stage.report.update(_cross_validated(groups))
    stage.report["questions"] = float(len(groups))
    return Reranker(stage)


def _cross_validated(groups: Sequence[tuple[np.ndarray, np.ndarray]]) -> dict[str, float]:
    """Held-out recall@1 and MRR@10 of the blend's order and of the reranked order, 5 folds by question."""
    if len(groups) < 5:
        return {}
    blend_ranks: list[int | None] = []
    rerank_ranks: list[int | None] = []
    ids = np.arange(len(groups))
    for train_ids, test_ids in GroupKFold(n_splits=5).split(ids, groups=ids):
        rows = [m for i in train_ids for m in groups[i][0]]
        answers = [bool(a) for i in train_ids for a in groups[i][1]]
        model = Reranker(fit_stage(RERANK_FEATURES, rows, answers, cross_validate=False))
        for i in test_ids:
            measures, labels = groups[i]
            blend_ranks.append(_first_right(np.arange(len(labels)), labels))
            rerank_ranks.append(_first_right(np.argsort(-model.scores(measures), kind="stable"), labels))
    return {**_figures(blend_ranks, "cv_blend"), **_figures(rerank_ranks, "cv_rerank")}
