"""Plausible stand-ins for a term: the nearest terms of the same type by embedding, never a synonym of it."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from bot.quiz.normalise import mentions, normalise, singular
from bot.quiz.numbers import parse_quantity
from bot.quiz.quantities import NUMBER, read_quantity
from bot.quiz.terms import Term

Embed = Callable[[Sequence[str]], np.ndarray]
Fit = Callable[[str], str | None]  # a stand-in as the question may show it, or None when the question rules it out
SAME_TOPIC_BONUS = 0.1
MAX_RATIO = 10.0  # a stand-in quantity within this factor of the answer's is plausible; further off, a give-away
TRUE_FALSE_RATIO = 4.0  # a quantity swapped into a statement stays this close, so the statement is not absurd
SPELLING_VARIANT = 90  # similarity (0-100) above which two names are one name spelled twice
STEM = 5  # leading letters that stand for a word's stem
INNER_MIN = 5  # a term this long inside another is a part of it
PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


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
    shorter, longer = sorted((na.replace(" ", ""), nb.replace(" ", "")), key=len)
    if len(shorter) >= INNER_MIN and shorter in longer:
        return True  # 'segments' inside 'subsegments'
    parts_a, parts_b = _parts(a), _parts(b)
    if parts_a and parts_b and (parts_a <= parts_b or parts_b <= parts_a):
        return True  # one names a part of the other: 'NEW_IMAGE' and 'NEW_AND_OLD_IMAGES', 'v2' and 'v2/v3'

    if normalise(acronyms.get(a, "")) == nb or normalise(acronyms.get(b, "")) == na:
        return True
    quantity_a, quantity_b = parse_quantity(a), parse_quantity(b)
    if quantity_a and quantity_b:
        return quantity_a.value == quantity_b.value
    return fuzz.ratio(na, nb) >= SPELLING_VARIANT and [c for c in na if c.isdigit()] == [c for c in nb if c.isdigit()]


def _parts(term: str) -> set[str]:
    """The words of a term, identifiers split: 'NEW_AND_OLD_IMAGES' -> new, and, old, image; 'GetItem' -> get, item."""
    return {singular(p.lower()) for p in PART.findall(term)}


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

    def nearest(
        self,
        term: Term,
        topic: str,
        count: int,
        avoid: str = "",
        min_similarity: float = 0.0,
        other_topic_similarity: float | None = None,
        fit: Fit | None = None,
    ) -> list[str]:
        """Up to `count` terms of `term`'s type, most similar first (at least `min_similarity`, cosine; from another
        top-level topic at least `other_topic_similarity` when given), unrelated to it, absent from `avoid`, each as
        `fit` shows it (and none it refuses)."""
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
            far = other_topic_similarity is not None and self.entries[i].topic != topic
            if (far and scores[i] < other_topic_similarity) or related(text, term.text, self.acronyms):
                continue
            if mentions(avoid, text):
                continue
            offered = fit(text) if fit is not None else text
            if offered is None or any(related(offered, c, self.acronyms) for c in chosen):
                continue
            chosen.append(offered)
            if len(chosen) == count:
                break
        return chosen

    def nearest_values(
        self,
        term: Term,
        topic: str,
        count: int,
        avoid: str = "",
        max_ratio: float = MAX_RATIO,
        fit: Fit | None = None,
    ) -> list[str]:
        """Up to `count` other quantities of the notes of `term`'s dimension (minutes beside seconds, KB beside MB),
        closest in value first (within `max_ratio` of it; the same top-level topic first among equals), absent
        from `avoid` as written and as shown in the term's unit, and not refused by `fit`. None for a bare number:
        a count, a port and a status code are not stand-ins for each other."""
        wanted = _magnitude(term.text)
        if wanted is None:
            return []
        scored = []
        for entry in self.entries:
            other = _magnitude(entry.text)
            if other is None or other[1] != wanted[1] or mentions(avoid, entry.text):
                continue
            distance = abs(math.log(other[0] / wanted[0]))
            if 1e-9 < distance <= math.log(max_ratio):
                scored.append((distance - SAME_TOPIC_BONUS * (entry.topic == topic), entry.text))
        chosen: list[str] = []
        values: list[float] = []
        for _, text in sorted(scored):
            value, shown = _magnitude(text), in_unit_of(text, term.text)
            shown = fit(shown) if fit is not None and shown is not None else shown
            if shown is not None and (mentions(avoid, shown) or _paired_with_blank(avoid, shown)):
                continue  # "1 or _____ years": a stand-in of 1 year is named by the question itself
            if value is not None and shown is not None and all(abs(math.log(value[0] / v)) > 1e-9 for v in values):
                chosen.append(shown)
                values.append(value[0])
            if len(chosen) == count:
                break
        return chosen


def _paired_with_blank(question: str, shown: str) -> bool:
    """Whether the question pairs the blank with the stand-in's number ('1 or _____ years' beside '1 year')."""
    number = NUMBER.match(shown.strip())
    if number is None:
        return False
    value = re.escape(number.group(0).strip())
    joined = r"\s*(?:or|and|to|-|–)\s*"
    pattern = rf"(?<![\w.]){value}{joined}_{{3,}}|_{{3,}}{joined}{value}(?![\w.])"
    return re.search(pattern, question) is not None


def _magnitude(text: str) -> tuple[float, str] | None:
    """A quantity's value in its dimension's base unit and that dimension; None for a bare number or zero."""
    reading = read_quantity(text)
    if reading is None or reading.number <= 0 or (reading.unit is None and not reading.rest):
        return None
    if reading.unit is None:
        return reading.number, " ".join(reading.rest)  # "3000 IOPS": a unit pint does not know
    base = reading.quantity.to_base_units()
    return float(base.magnitude), str(base.dimensionality)


def in_unit_of(text: str, answer: str) -> str | None:
    """`text`'s quantity written as `answer` writes its own ('300 seconds' beside '15 minutes' -> '5 minutes'), so
    no choice stands out by its unit; None when the value is not a whole number in that unit (one decimal when the
    answer has one)."""
    said, wanted = read_quantity(text), read_quantity(answer)
    number = NUMBER.match(answer.strip())
    if said is None or wanted is None or number is None:
        return None
    if wanted.unit is None or said.unit is None:
        value = said.number if said.rest == wanted.rest else None
    else:
        value = float(said.quantity.to(wanted.unit).magnitude)
    decimals = 1 if "." in number.group(0) else 0
    if value is None or value <= 0 or not math.isclose(value, round(value, decimals)):
        return None
    value = round(value, decimals)
    digits = f"{value:,.10g}" if "," in number.group(0) else f"{value:.10g}"
    suffix = answer.strip()[number.end() :]
    if re.fullmatch(r"\s+[a-z]{4,}", suffix):  # a unit spelled out: "1 minute", "5 minutes"
        suffix = suffix.rstrip("s") + ("" if value == 1 else "s")
    return digits + suffix
