"""Practice-question accuracy on a gold file, beside chance and the dense baseline, with confidence bands."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.practice.checker import CheckResult, PracticeChecker
from bot.knowledge.practice.parsing import make_question
from bot.knowledge.retriever import Retriever

BANDS = ((0.0, 0.4), (0.4, 0.7), (0.7, 1.01))


@dataclass(frozen=True)
class Band:
    label: str
    count: int
    accuracy: float | None


@dataclass(frozen=True)
class PracticeScores:
    questions: int
    accuracy: float  # exact match of the picks, every question counted (abstained ones too)
    chance: float
    dense_baseline: float
    answered_accuracy: float | None  # on the questions not abstained
    abstention_rate: float
    bands: tuple[Band, ...]
    latency_p50_ms: float


def chance_accuracy(items: Sequence[dict]) -> float:
    """Expected exact-match accuracy of picking `len(correct)` options at random."""
    return statistics.fmean(1 / math.comb(len(i["options"]), len(i["correct"])) for i in items)


def dense_baseline_picks(retriever: Retriever, items: Sequence[dict]) -> list[set[int]]:
    """Per question, the options whose `question + option` embedding is closest to any passage."""
    texts = [f"{i['question']} {option}" for i in items for option in i["options"]]
    best = (retriever.embed(texts) @ retriever.index.vectors.T).max(axis=1)
    picks, at = [], 0
    for item in items:
        scores = best[at : at + len(item["options"])]
        at += len(item["options"])
        order = sorted(range(len(scores)), key=lambda j: -scores[j])
        picks.append(set(order[: len(item["correct"])]))
    return picks


def _share(hits: Sequence[bool]) -> float | None:
    return sum(hits) / len(hits) if hits else None


def evaluate_practice(checker: PracticeChecker, items: Sequence[dict]) -> PracticeScores:
    """Check every gold question one at a time (as members would) and score the picks."""
    results: list[CheckResult] = []
    latencies = []
    for item in items:
        started = time.perf_counter()
        results.append(checker.check(make_question(item["question"], item["options"], len(item["correct"]))))
        latencies.append((time.perf_counter() - started) * 1000)
    correct = [set(r.picks) == set(i["correct"]) for r, i in zip(results, items, strict=True)]
    baseline = dense_baseline_picks(checker.retriever, items)
    bands = tuple(
        Band(
            label=f"{low:.1f}-{min(high, 1.0):.1f}",
            count=sum(low <= r.confidence < high for r in results),
            accuracy=_share([ok for ok, r in zip(correct, results, strict=True) if low <= r.confidence < high]),
        )
        for low, high in BANDS
    )
    return PracticeScores(
        questions=len(items),
        accuracy=_share(correct) or 0.0,
        chance=chance_accuracy(items),
        dense_baseline=_share([p == set(i["correct"]) for p, i in zip(baseline, items, strict=True)]) or 0.0,
        answered_accuracy=_share([ok for ok, r in zip(correct, results, strict=True) if not r.abstained]),
        abstention_rate=_share([r.abstained for r in results]) or 0.0,
        bands=bands,
        latency_p50_ms=statistics.median(latencies) if latencies else 0.0,
    )
