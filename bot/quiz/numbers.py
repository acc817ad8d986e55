"""Quantities in the notes and in answers: a number with an optional unit, units reduced to one spelling."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "ms": ("ms", "msec", "millisecond", "milliseconds"),
    "s": ("s", "sec", "secs", "second", "seconds"),
    "min": ("min", "mins", "minute", "minutes", "minuted"),
    "h": ("h", "hr", "hrs", "hour", "hours"),
    "d": ("d", "day", "days"),
    "wk": ("wk", "week", "weeks"),
    "mo": ("mo", "month", "months"),
    "y": ("y", "yr", "yrs", "year", "years"),
    "kb": ("kb", "kilobyte", "kilobytes"),
    "mb": ("mb", "megabyte", "megabytes"),
    "gb": ("gb", "g", "gigabyte", "gigabytes"),
    "tb": ("tb", "terabyte", "terabytes"),
    "pb": ("pb", "petabyte", "petabytes"),
    "kib": ("kib",),
    "mib": ("mib",),
    "gib": ("gib",),
    "tib": ("tib",),
    "mb/s": ("mb/s", "mbps"),
    "mib/s": ("mib/s",),
    "gb/s": ("gb/s",),
    "msg/s": ("msg/s",),
    "iops": ("iops",),
    "%": ("%", "percent", "pct"),
    "vcpu": ("vcpu", "vcpus"),
}
CANONICAL_UNIT = {alias: unit for unit, aliases in UNIT_ALIASES.items() for alias in aliases}
UNIT_PATTERN = "|".join(re.escape(u) for u in sorted(CANONICAL_UNIT, key=len, reverse=True))
# In the notes a one-letter unit is too often something else ("10s of years"); answers may use them.
PROSE_UNIT_PATTERN = "|".join(re.escape(u) for u in sorted(CANONICAL_UNIT, key=len, reverse=True) if len(u) > 1)
NUMBER_PATTERN = r"\d+(?:,\d{3})*(?:\.\d+)?"
QUANTITY = re.compile(rf"^\s*({NUMBER_PATTERN})\s*({UNIT_PATTERN})?\s*$", re.IGNORECASE)
# A unit right after a number in prose: "15 minutes", "`3000` IOPS", "12.3TB".
UNIT_AFTER = re.compile(rf"^(\s*)({PROSE_UNIT_PATTERN}|%)(?![\w/])", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # canonical unit, "" when none was given


def canonical_unit(word: str) -> str | None:
    return CANONICAL_UNIT.get(word.lower())


def parse_quantity(text: str) -> Quantity | None:
    """'15 minutes', '15 min', '1,000', '12.3TB' as a Quantity; None when the text is not one quantity."""
    match = QUANTITY.match(text)
    if not match:
        return None
    unit = canonical_unit(match.group(2)) if match.group(2) else ""
    return Quantity(float(match.group(1).replace(",", "")), unit or "")
