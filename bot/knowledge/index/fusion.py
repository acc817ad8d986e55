"""How dense and keyword scores of the same candidates are combined into one ranking score."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FusionWeights:
    """How much the dense score counts against the keyword score (both scaled to 0..1 per query)."""

    dense: float = 0.6


def scaled(scores: np.ndarray) -> np.ndarray:
    """Scores mapped to 0..1 over the candidate pool (all zero when they are all equal)."""
    low, high = float(scores.min()), float(scores.max())
    if high - low < 1e-9:
        return np.zeros_like(scores)
    return (scores - low) / (high - low)


def blend(dense: np.ndarray, lexical: np.ndarray, weights: FusionWeights) -> np.ndarray:
    """weights.dense · scaled(dense) + (1 − weights.dense) · scaled(lexical), min-max scaled over the candidates
    (aligned arrays of shape (n,)); no candidates give `lexical` back as it is."""
    if not dense.size:
        return lexical
    return weights.dense * scaled(dense) + (1 - weights.dense) * scaled(lexical)
