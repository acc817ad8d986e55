"""A random sample of prompts for judging by hand, stratified by kind (each kind in proportion, at least one)."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

from bot.quiz.item import QuizItem


def stratified_sample(prompts: Sequence[QuizItem], size: int, seed: str) -> list[QuizItem]:
    """`size` prompts (fewer if there are fewer), each kind in proportion to how common it is; same seed, same sample.

    Shares are rounded by largest remainder; every kind present gets at least one (when `size` allows).
    """
    by_kind: dict[str, list[QuizItem]] = defaultdict(list)
    for prompt in sorted(prompts, key=lambda p: p.id):
        by_kind[prompt.kind].append(prompt)
    size = min(size, len(prompts))
    if not size:
        return []
    shares = {kind: len(items) * size / len(prompts) for kind, items in by_kind.items()}
    counts = {kind: max(1, int(share)) for kind, share in shares.items()}
    while sum(counts.values()) > size and max(counts.values()) > 1:
        counts[max(counts, key=lambda k: (counts[k], k))] -= 1
    by_remainder = sorted(shares, key=lambda k: (shares[k] - int(shares[k]), k), reverse=True)
    for kind in by_remainder:
        if sum(counts.values()) >= size:
            break
        counts[kind] += 1
    rng = random.Random(seed)
    picked = [p for kind in sorted(by_kind) for p in rng.sample(by_kind[kind], min(counts[kind], len(by_kind[kind])))]
    return sorted(picked, key=lambda p: (p.kind, p.id))
