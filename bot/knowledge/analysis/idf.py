"""Inverse document frequency: how rare a term is among the notes' passages, in two named forms.

Both count a term's document frequency `df` (passages holding it) among `n` passages. They differ at the common
end, and the difference is deliberate:

- `floored_idf` = ln(1 + n / (1 + df)) never falls below ln 1.5 (a term in every passage: between ln 1.5 ≈ 0.41
  and ln 2 ≈ 0.69, nearer ln 2 the more passages there are). Every word a question asks about keeps some weight:
  the answer's coverage measures (bot/knowledge/coverage.py), the lines an answer quotes (answering.py) and the
  reranker's line cover (reranking.py) are shares of the question's words, and a word the notes use everywhere is
  still part of what was asked.
- `vanishing_idf` = ln((n + 1) / (df + 0.5)) falls to about 0 for a term in every passage. The practice checker
  (bot/knowledge/practice/) weighs which passage supports which option: a word every passage holds tells no
  passage apart, so it must count nothing there.

Each was tuned with its own users' weights (the answerability and reranker models are trained over the first, the
checker's thresholds over the second); exchanging them changes the evaluations.
"""

from __future__ import annotations

import math


def floored_idf(n: int, df: int) -> float:
    """ln(1 + n / (1 + df)) for a term in `df` of `n` ≥ 1 passages: ≥ ln 1.5 ≈ 0.41, about ln(n) for an unseen one."""
    return math.log(1 + n / (1 + df))


def vanishing_idf(n: int, df: int) -> float:
    """ln((n + 1) / (df + 0.5)) for a term in `df` of `n` passages: ≈ 0 for a term in every passage."""
    return math.log((n + 1) / (df + 0.5))
