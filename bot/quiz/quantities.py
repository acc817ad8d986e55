"""Typed quantities: number words, unit typos and rates in words, compared with pint.

`read_quantity("15 minuts")` is 15 minutes; `same_quantity` compares two readings by value after converting
units, never across dimensions: bytes and bits are kept apart (2 Mbps is not 2 MB/s), and so are a count and a
percentage of the same digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pint
from rapidfuzz.distance import OSA
from text_to_num import alpha2digit, text2num

REGISTRY = pint.UnitRegistry()
# pint counts bits as plain numbers; data gets a dimension of its own so that "10 GB" is never "10".
REGISTRY.define("databit = [information]")
REGISTRY.define("databyte = 8 * databit")
REGISTRY.define("percentage = [percentage]")  # 99.99% is not 0.9999 typed bare

TIME_UNITS: dict[str, tuple[str, ...]] = {
    "millisecond": ("ms", "msec", "msecs", "millisecond", "milliseconds"),
    "second": ("s", "sec", "secs", "second", "seconds"),
    "minute": ("m", "min", "mins", "minute", "minutes"),
    "hour": ("h", "hr", "hrs", "hour", "hours"),
    "day": ("d", "day", "days"),
    "week": ("w", "wk", "wks", "week", "weeks"),
    "month": ("mo", "mos", "month", "months"),
    "year": ("y", "yr", "yrs", "year", "years"),
}
DATA_PREFIXES = {"": "", "k": "kilo", "m": "mega", "g": "giga", "t": "tera", "p": "peta"}
BINARY_PREFIXES = {"ki": "kibi", "mi": "mebi", "gi": "gibi", "ti": "tebi", "pi": "pebi"}
# Informal names: "10 gigs", "500 megs".
DATA_SLANG = {"kilo": "k", "meg": "m", "megs": "m", "gig": "g", "gigs": "g", "tera": "t"}
PERCENT_WORDS = ("%", "percent", "pct", "per cent")
NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:[ ,]\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
SCALE = {"k": 1e3, "thousand": 1e3, "million": 1e6, "bn": 1e9, "billion": 1e9}
QUOTES = "\"'`“”‘’«»"
TRAILING = ".,;:!?"
FUZZY_MIN_LENGTH = 4  # unit words shorter than this must be spelt exactly


@dataclass(frozen=True)
class Reading:
    """A typed quantity: its number as written, its unit (pint) if any, and the words left over.

    `rest` holds words after the number that are not units ("3000 IOPS" -> ("iops",)); they must match exactly.
    """

    number: float
    unit: pint.Unit | None
    rest: tuple[str, ...] = ()

    @property
    def quantity(self) -> pint.Quantity:
        return REGISTRY.Quantity(self.number, self.unit or REGISTRY.dimensionless)


def _data_unit(token: str) -> str | None:
    """'MB' -> megadatabyte, 'Mb' or 'Mbit' -> megadatabit, 'GiB' -> gibidatabyte; 'mb' (all lower) -> bytes."""
    match = re.fullmatch(r"([kKmMgGtTpP]i?)?(B|b|bit|bits|byte|bytes)", token)
    if match is None:
        return None
    prefix, base = (match.group(1) or ""), match.group(2)
    is_bit = base.startswith("bit") or (base == "b" and prefix != prefix.lower())
    name = BINARY_PREFIXES.get(prefix.lower()) if prefix.lower().endswith("i") else DATA_PREFIXES[prefix.lower()]
    return f"{name}databit" if is_bit else f"{name}databyte"


@lru_cache(maxsize=1)
def _unit_words() -> dict[str, str]:
    """Every spelled unit (lower case) and its pint name; data symbols are handled case-sensitively apart."""
    names = {alias: unit for unit, aliases in TIME_UNITS.items() for alias in aliases}
    for short, prefix in DATA_PREFIXES.items():
        for suffix in ("byte", "bytes"):
            names[f"{prefix}{suffix}"] = f"{prefix}databyte"
        for suffix in ("bit", "bits"):
            names[f"{prefix}{suffix}"] = f"{prefix}databit"
        if short:
            names[f"{short}bps"] = f"{prefix}databit/second"
    for prefix in BINARY_PREFIXES.values():
        names[f"{prefix}byte"] = names[f"{prefix}bytes"] = f"{prefix}databyte"
    for slang, short in DATA_SLANG.items():
        names[slang] = f"{DATA_PREFIXES[short]}databyte"
    for word in PERCENT_WORDS:
        names[word] = "percentage"
    return names


@lru_cache(maxsize=1)
def _fuzzy_targets() -> tuple[str, ...]:
    return tuple(w for w in _unit_words() if len(w) >= FUZZY_MIN_LENGTH and w.isalpha())


def unit_name(token: str) -> str | None:
    """The pint name of one unit word, forgiving one slip in a long name ('minuts', 'precent', 'yeras')."""
    data = _data_unit(token)
    if data is not None:
        return data
    lowered = token.lower()
    words = _unit_words()
    if lowered in words:
        return words[lowered]
    if len(lowered) < FUZZY_MIN_LENGTH or not lowered.isalpha():
        return None
    close = {words[t] for t in _fuzzy_targets() if t[0] == lowered[0] and OSA.distance(t, lowered) <= _allowed(len(t))}
    return close.pop() if len(close) == 1 else None


def is_unit_word(token: str) -> bool:
    """Whether a word is a unit spelled right ('minutes', 'GiB', '%'), not a slip that `unit_name` forgives."""
    return _data_unit(token) is not None or token.lower() in _unit_words()


def _allowed(length: int) -> int:
    return 1 if length < 8 else 2


def _unit_expression(tokens: list[str]) -> tuple[pint.Unit | None, tuple[str, ...]] | None:
    """Units from words like ['MB', '/', 's'] or ['megabytes', 'per', 'second']; unknown words go to `rest`."""
    parts: list[str] = []
    rest: list[str] = []
    divide = False
    for token in tokens:
        if token in ("/", "per"):
            if not parts or divide:
                return None
            divide = True
            continue
        name = unit_name(token)
        if name is None:
            if divide or parts:
                return None  # "15 minutes later": a unit then other words is not one quantity
            rest.append(token.lower())
            continue
        if rest:
            return None
        parts.append(f"/ {name}" if divide else name)
        divide = False
    if divide:
        return None
    if not parts:
        return None, tuple(rest)
    try:
        return REGISTRY.parse_units(" ".join(parts).replace("/ ", "/")), ()
    except (pint.PintError, ValueError, TypeError):
        return None


def clean(text: str) -> str:
    """Full-width forms folded (NFKC), surrounding quotes and trailing punctuation dropped."""
    text = unicodedata.normalize("NFKC", text)
    text = " ".join(text.split()).strip(QUOTES + " ")
    return text.rstrip(TRAILING + QUOTES + " ").strip(QUOTES + " ")


def _spelled_numbers(text: str) -> str:
    """Number words as digits: 'two weeks' -> '2 weeks', 'half a minute' -> '0.5 minute', 'four nines' -> 99.99%."""
    nines = re.fullmatch(r"([a-z]+|\d) nines", text, re.IGNORECASE)
    if nines:
        count = int(nines.group(1)) if nines.group(1).isdigit() else _word_number(nines.group(1).lower())
        if count and 2 <= count <= 9:
            return f"{100 - 10 ** (2 - count):.{count - 2}f}%"
    text = re.sub(r"^(?:(?:a|an|one) half (?:of )?|half )(?:a|an) ", "0.5 ", text, flags=re.IGNORECASE)
    text = re.sub(r"^(?:a|an) ", "1 ", text, flags=re.IGNORECASE)
    text = re.sub(r"\bsecond(s?)\b", r"sec\1", text, flags=re.IGNORECASE)  # the unit, not the ordinal
    text = alpha2digit(text, "en", threshold=0)
    return re.sub(r"^(\d+) and (?:a|one) half\b", lambda m: f"{m.group(1)}.5", text, flags=re.IGNORECASE)


def _word_number(word: str) -> int | None:
    try:
        return int(text2num(word, "en"))
    except ValueError:
        return None


def read_quantity(text: str) -> Reading | None:
    """A number with an optional unit, or None when `text` is not one quantity.

    Accepts '15 minutes', '15 minuts', '900 s', '2 MB per second', '1,000', '1k', 'three', '99.99 percent'.
    """
    text = _spelled_numbers(clean(text))
    match = NUMBER.match(text)
    if match is None:
        return None
    number = float(re.sub(r"[ ,]", "", match.group(0)))
    tail = text[match.end() :].strip()
    scale = re.match(r"^(k|thousand|million|bn|billion)\b", tail, re.IGNORECASE)
    if scale:
        number *= SCALE[scale.group(1).lower()]
        tail = tail[scale.end() :].strip()
    tokens = re.findall(r"/|%|[^\s/%]+", tail)
    parsed = _unit_expression(tokens) if tokens else (None, ())
    if parsed is None:
        return None
    unit, rest = parsed
    return Reading(number, unit, rest)


def same_quantity(expected: Reading, said: Reading) -> bool:
    """Equal values in compatible units; a bare number counts when it is the number the answer states."""
    if said.rest and said.rest != expected.rest:
        return False
    if said.unit is None:
        return said.number == expected.number
    if expected.unit is None:
        return False
    want, got = expected.quantity, said.quantity
    if want.dimensionality != got.dimensionality:
        return False
    converted = got.to(want.units).magnitude
    return abs(converted - want.magnitude) <= 1e-9 * max(1.0, abs(want.magnitude))
