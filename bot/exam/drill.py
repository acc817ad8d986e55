"""A weak-spot drill: the member's recent misses, items of their weakest exam domains and their leeches, in turns."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from bot.quiz.item import QuizItem


def pick_drill(
    misses: Sequence[QuizItem], weak_domains: Sequence[QuizItem], leeches: Sequence[QuizItem], length: int
) -> list[QuizItem]:
    """Up to `length` items taken in turns from each source (each in its own order of priority): a recent miss,
    an item of the weakest domains, a leech; no item twice. A source that runs dry leaves its turns to the others."""
    picked: list[QuizItem] = []
    seen: set[str] = set()
    for turn in zip_longest(misses, weak_domains, leeches):
        for item in turn:
            if item is not None and item.id not in seen and len(picked) < length:
                seen.add(item.id)
                picked.append(item)
    return picked
