"""Plausible stand-ins for a term: the nearest terms of the same type by embedding, never a synonym of it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from bot.quiz.normalise import mentions, normalise
from bot.quiz.numbers import parse_quantity
from bot.quiz.terms import Term

Embed = Callable[[Sequence[str]], np.ndarray]
SAME_TOPIC_BONUS = 0.1
SPELLING_VARIANT = 90  # similarity (0-100) above which two names are one name spelled twice
STEM = 5  # leading letters that stand for a word's stem


@dataclass(frozen=True)
class PoolEntry:
    text: str
    type_key: str
    topic: str


def related(a: str, b: str, acronyms: Mapping[str, str]) -> bool:
    """Whether two terms name the same thing: equal, one inside the other, an acronym of the other, or a typo."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb or na == nb or f" {na} " in f" {nb} " or f" {nb} " in f" {na} ":
        return True
    if sorted(w[:STEM] for w in na.split()) == sorted(w[:STEM] for w in nb.split()):
        return True  # the same words in another order or form: 'encrypted server side', 'server side encryption'

    if normalise(acronyms.get(a, "")) == nb or normalise(acronyms.get(b, "")) == na:
        return True
    quantity_a, quantity_b = parse_quantity(a), parse_quantity(b)
    if quantity_a and quantity_b:
        return quantity_a.value == quantity_b.value
    return fuzz.ratio(na, nb) >= SPELLING_VARIANT and [c for c in na if c.isdigit()] == [c for c in nb if c.isdigit()]


class Siblings:
    """Every key term of the notes, embedded once, grouped by type."""

    def __init__(self, terms: Iterable[tuple[Term, str]], embed: Embed, acronyms: Mapping[str, str]) -> None:
        entries: dict[tuple[str, str], PoolEntry] = {}
        for term, topic in terms:
            entries.setdefault((term.type_key, normalise(term.text)), PoolEntry(term.text, term.type_key, topic))
        self.entries = sorted(entries.values(), key=lambda e: (e.type_key, e.text))
        self.acronyms = acronyms
        self._row = {(e.type_key, normalise(e.text)): i for i, e in enumerate(self.entries)}
        self._rows_of_type: dict[str, list[int]] = {}
        for i, entry in enumerate(self.entries):
            self._rows_of_type.setdefault(entry.type_key, []).append(i)
        self.vectors = embed([e.text for e in self.entries]) if self.entries else np.zeros((0, 1), np.float32)

    def nearest(self, term: Term, topic: str, count: int, avoid: str = "", min_similarity: float = 0.0) -> list[str]:
        """Up to `count` terms of `term`'s type, most similar first (at least `min_similarity`, cosine),
        unrelated to it and absent from `avoid`."""
        type_key = term.type_key
        row = self._row.get((type_key, normalise(term.text)))
        if row is None:
            return []
        scores = self.vectors @ self.vectors[row]
        ranked = sorted(
            (i for i in self._rows_of_type[type_key] if i != row),
            key=lambda i: (-(scores[i] + SAME_TOPIC_BONUS * (self.entries[i].topic == topic)), self.entries[i].text),
        )
        chosen: list[str] = []
        for i in ranked:
            if scores[i] < min_similarity:
                break
            text = self.entries[i].text
            if related(text, term.text, self.acronyms) or mentions(avoid, text):
                continue
            if any(related(text, c, self.acronyms) for c in chosen):
                continue
            chosen.append(text)
            if len(chosen) == count:
                break
        return chosen
