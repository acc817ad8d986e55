"""Retrieval metrics on a gold file: recall@k and MRR@10, as defined in shared/eval/README.md."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.errors import NotFound, TutorbotError
from bot.knowledge.analysis.markup import folded

Span = tuple[int, int]
SearchFn = Callable[[Sequence[str]], list[list[Span]]]  # questions -> ranked line spans per question


@dataclass(frozen=True)
class RetrievalScores:
    recall_at_1: float
    recall_at_5: float
    recall_at_10: float
    mrr_at_10: float


def read_jsonl(path: Path) -> list[dict]:
    """One JSON object per non-blank line of `path`.

    Raises NotFound when the file is missing or unreadable, TutorbotError naming the line when one is not JSON.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise NotFound(f"Cannot read the evaluation file {path}: {reason}.") from None
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise TutorbotError(f"Line {number} of {path} is not JSON ({error.msg}).") from None
    return items


def overlaps(span: Span, gold: Span) -> bool:
    return span[0] <= gold[1] and gold[0] <= span[1]


def score_retrieval(gold: Sequence[dict], ranked: Sequence[Sequence[Span]]) -> RetrievalScores:
    """Metrics for ranked spans per gold question (`gold_lines` [start, end])."""
    first_hits: list[int | None] = []
    for item, spans in zip(gold, ranked, strict=True):
        target = (item["gold_lines"][0], item["gold_lines"][1])
        first_hits.append(next((rank for rank, span in enumerate(spans[:10], 1) if overlaps(span, target)), None))
    n = max(1, len(first_hits))

    def recall(k: int) -> float:
        return sum(1 for r in first_hits if r is not None and r <= k) / n

    mrr = sum(1 / r for r in first_hits if r is not None) / n
    return RetrievalScores(recall(1), recall(5), recall(10), mrr)


ANSWER_HIT_SHARE = 0.5


def _answer_words(text: str) -> list[str]:
    return re.findall(r"\w+", folded(text))


def answer_hit(answer_text: str, gold_text: str) -> bool:
    """Whether most of the gold lines' words appear in the answer (lower-cased, emphasis removed)."""
    gold = _answer_words(gold_text)
    if not gold:
        return False
    present = set(_answer_words(answer_text))
    return sum(1 for w in gold if w in present) / len(gold) > ANSWER_HIT_SHARE


@dataclass(frozen=True)
class AnswerScores:
    answer_hit: float
    unanswerable_declined: float
    answerable_declined: float
    cited: float
    answered: int
