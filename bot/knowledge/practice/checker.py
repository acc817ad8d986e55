"""Checking a practice-exam question against the notes: one batched model call per question (or per batch)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.knowledge.practice.evidence import Evidence, EvidenceFinder, OptionEvidence, QuestionSignals
from bot.knowledge.practice.parsing import PracticeQuestion
from bot.knowledge.practice.scoring import decide
from bot.knowledge.practice.term_index import TermIndex
from bot.knowledge.retriever import Retriever

STRONG_SUPPORT = 2.0  # supports at or above this back the option squarely (the best options score about 3)
SOME_SUPPORT = 0.5  # below this the notes barely touch the option


def support_level(support: float) -> str:
    """An option's support in words: `supported`, `weak` or `not found` (in the notes)."""
    if support >= STRONG_SUPPORT:
        return "supported"
    return "weak" if support >= SOME_SUPPORT else "not found"


@dataclass(frozen=True)
class CheckResult:
    """What the notes say about each option of one question.

    `ranking` lists option indices, most likely answer first (NOT/EXCEPT stems already inverted); `scores` are
    the options' shares of being an answer (sum 1); `support` is how strongly the notes back each option's
    statement; `evidence` holds each option's best passages; `picks` are the first `question.select` of the
    ranking; `reason` says why the check abstained (empty when it did not).
    """

    question: PracticeQuestion
    ranking: tuple[int, ...]
    scores: tuple[float, ...]
    support: tuple[float, ...]
    evidence: tuple[tuple[Evidence, ...], ...]
    confidence: float
    abstained: bool
    reason: str

    @property
    def picks(self) -> tuple[int, ...]:
        return self.ranking[: self.question.select]


class PracticeChecker:
    """Checks questions against one loaded notes index; build once, reuse for every question."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self.finder = EvidenceFinder(retriever.chunks, retriever.index.vectors, TermIndex(retriever.analysis))

    def check(self, question: PracticeQuestion) -> CheckResult:
        return self.check_many([question])[0]

    def check_many(self, questions: Sequence[PracticeQuestion]) -> list[CheckResult]:
        """Check several questions with one model call for all their stems and options."""
        texts = [text for q in questions for text in (q.stem, *q.options)]
        vectors = self.retriever.embed(texts) if texts else np.zeros((0, 0), dtype=np.float32)
        results, at = [], 0
        for question in questions:
            width = 1 + len(question.options)
            results.append(self._judge(question, vectors[at : at + width]))
            at += width
        return results

    def _judge(self, question: PracticeQuestion, vectors: np.ndarray) -> CheckResult:
        evidence, signals = self.finder.weigh(question.stem, question.options, vectors[0], vectors[1:])
        return _result(question, evidence, signals)


def _result(question: PracticeQuestion, evidence: list[OptionEvidence], signals: QuestionSignals) -> CheckResult:
    support = [e.support for e in evidence]
    verdict = decide(
        support, question.select, question.negated, signals.stem_similarity, [e.found_share for e in evidence]
    )
    return CheckResult(
        question=question,
        ranking=verdict.ranking,
        scores=verdict.scores,
        support=tuple(round(s, 4) for s in support),
        evidence=tuple(e.passages for e in evidence),
        confidence=verdict.confidence,
        abstained=verdict.abstained,
        reason=verdict.reason,
    )
