"""From each option's support to a ranking, answer shares, a confidence, and whether to abstain.

Confidence is a logistic function of the best support (how squarely the notes address the question and an option)
and of the relative margin between the last picked option and the first one left out. The slopes were fitted on the
shared practice dev set (leave-one-out checked; both signals are weak, the support the stronger), and the offset
lowered by 0.5 so that it stays honest on questions not written from the notes, where accuracy is lower.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

CONFIDENCE_OFFSET = -2.0
SUPPORT_SLOPE = 1.0
MARGIN_SLOPE = 0.5
MIN_MARGIN = 0.005  # options closer than this (relative to the best support) are a tie
ABSTAIN_BELOW = 0.45  # confidence under which the notes do not settle the question
SHARE_TEMPERATURE = 0.15  # softness of the answer shares, as a fraction of the best support
MIN_STEM_SIMILARITY = 0.35  # below this no passage is about the question at all
MIN_FOUND_SHARE = 0.2  # the picked options' distinctive words must be at least this present in the notes


@dataclass(frozen=True)
class Verdict:
    ranking: tuple[int, ...]  # option indices, most likely answer first
    scores: tuple[float, ...]  # per option, its share of being an answer (sums to 1)
    confidence: float
    abstained: bool
    reason: str


def answer_keys(support: Sequence[float], negated: bool) -> list[float]:
    """How strongly each option looks like an answer: its support, or its lack of support for NOT/EXCEPT stems."""
    return [-s for s in support] if negated else list(support)


def relative_margin(keys: Sequence[float], select: int, scale: float) -> float:
    """Gap between the last picked and the first unpicked option, relative to `scale` (the best support)."""
    ordered = sorted(keys, reverse=True)
    return (ordered[select - 1] - ordered[select]) / scale if scale > 0 else 0.0


def answer_shares(keys: Sequence[float], scale: float) -> list[float]:
    """A softmax of the keys with a temperature proportional to `scale`."""
    temperature = max(scale * SHARE_TEMPERATURE, 1e-9)
    top = max(keys)
    weights = [math.exp((k - top) / temperature) for k in keys]
    total = sum(weights)
    return [w / total for w in weights]


def decide(
    support: Sequence[float], select: int, negated: bool, stem_similarity: float, found_shares: Sequence[float]
) -> Verdict:
    """Rank the options and judge whether the notes settle the question."""
    keys = answer_keys(support, negated)
    scale = max(max(support), 1e-9)
    ranking = tuple(sorted(range(len(keys)), key=lambda i: -keys[i]))
    margin = relative_margin(keys, select, scale)
    confidence = 1 / (1 + math.exp(-(CONFIDENCE_OFFSET + SUPPORT_SLOPE * scale + MARGIN_SLOPE * margin)))
    reason = ""
    if stem_similarity < MIN_STEM_SIMILARITY:
        reason = "The notes do not seem to cover what this question is about."
    elif not negated and max(found_shares[i] for i in ranking[:select]) < MIN_FOUND_SHARE:
        reason = "The notes never mention what sets the leading option(s) apart."
    elif margin < MIN_MARGIN:
        reason = "The notes support several options about equally."
    elif confidence < ABSTAIN_BELOW:
        reason = "The notes bear on this question only weakly."
    if reason:
        confidence = min(confidence, ABSTAIN_BELOW)
    return Verdict(
        ranking=ranking,
        scores=tuple(round(s, 4) for s in answer_shares(keys, scale)),
        confidence=round(confidence, 4),
        abstained=bool(reason),
        reason=reason,
    )
