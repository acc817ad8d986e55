"""What kind of answer a question asks for (a price, a duration, a size, a count, a percentage, some number) and
whether a line of the notes holds a quantity of that kind.

A question such as "how long can X run?" is only answered by a line about X that gives a duration; a nearby
line with another quantity (a size, or X's neighbour's duration) is a near miss, not an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.analysis.markup import without_emphasis

_NUMBER = r"(?:\d+(?:[.,]\d+)*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|hundred|thousand|million)"
_TIME_UNIT = r"(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?)"
_SIZE_UNIT = r"(?:bytes?|[kmgtp]i?b|kilobytes?|megabytes?|gigabytes?|terabytes?|petabytes?)"
# Any figure: digits starting a word, even glued to a unit ("256KB", "5x"), a number word, or no limit at all.
_FIGURE = rf"\b\d|\b{_NUMBER}\b|\bunlimited\b|\bno limit\b"


@dataclass(frozen=True)
class AnswerType:
    """A kind of quantity: how a question asks for it, and how a line gives it."""

    name: str  # price | duration | size | percentage | count | number
    label: str  # what the notes would have to give, in words ("a price", "a duration")
    asked: re.Pattern[str]  # matches a question that asks for this kind
    given: re.Pattern[str]  # matches a line holding a quantity of this kind


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


# Most specific first: a question asking "how much does it cost" wants a price, not just any number.
ANSWER_TYPES: tuple[AnswerType, ...] = (
    AnswerType(
        "price",
        "a price",
        _words(r"costs?", r"prices?", r"pricing", r"cheaper", r"cheapest", r"expensive", r"charged?", r"billed"),
        re.compile(
            r"[$€£]\s?\d|\d\s?(?:usd|dollars?|cents?)\b|\bper (?:gb|hour|request|month|million)\b|\bfree\b"
            r"|\bno (?:extra |additional )?(?:cost|charge)\b|\bcheaper\b|\bcosts? (?:less|more)\b",
            re.IGNORECASE,
        ),
    ),
    AnswerType(
        "duration",
        "a duration",
        _words(
            r"how long",
            r"how soon",
            r"how often",
            r"how quickly",
            r"timeouts?",
            r"durations?",
            r"retention",
            r"execution time",
            r"run time",
            r"runtime limit",
        ),
        re.compile(rf"\b{_NUMBER}\s?-?{_TIME_UNIT}\b|\b(?:hourly|daily|weekly|monthly|yearly|annually)\b", re.I),
    ),
    AnswerType(
        "size",
        "a size",
        _words(
            r"how (?:big|large)",
            r"sizes?",
            r"payloads?",
            r"how much (?:data|storage|memory|ram|disk|space)",
            r"capacity",
        ),
        re.compile(rf"\b{_NUMBER}\s?{_SIZE_UNIT}\b", re.IGNORECASE),
    ),
    AnswerType(
        "percentage",
        "a percentage",
        _words(r"percent(?:age)?", r"discounts?", r"how many nines", r"durability"),
        re.compile(r"\d\s?%|\bpercent\b|\bnines\b", re.IGNORECASE),
    ),
    AnswerType(
        "count",
        "a count",
        _words(r"how many", r"number of", r"count of"),
        re.compile(_FIGURE, re.IGNORECASE),
    ),
    AnswerType(
        "number",
        "a figure",
        _words(r"max", r"maximum", r"min", r"minimum", r"limits?", r"at most", r"at least", r"quotas?"),
        re.compile(_FIGURE, re.IGNORECASE),
    ),
)


@dataclass(frozen=True)
class Qualifier:
    """Which value of a quantity a question asks for (the default, the maximum, the minimum), and how a line says
    it gives that one: a line giving a duration without saying it is the default does not answer "the default
    timeout"; a line giving a default does not answer "the maximum"."""

    name: str  # default | maximum | minimum
    asked: re.Pattern[str]
    given: re.Pattern[str]


_RANGE = r"\d\s?[a-z]*\s?(?:-|to)\s?\d|\bbetween\b"  # "1 to 20 seconds", "128MB-10GB", "between 1 and 20"
QUALIFIERS: tuple[Qualifier, ...] = (
    Qualifier("default", _words(r"defaults?", r"by default"), _words(r"defaults?", r"by default")),
    Qualifier(
        "maximum",
        _words(r"max", r"maximum", r"at most", r"upper limit", r"longest", r"largest", r"highest"),
        re.compile(rf"\b(?:max|maximum|up to|at most|limits?|upper|longest|largest|highest)\b|{_RANGE}", re.I),
    ),
    Qualifier(
        "minimum",
        _words(r"min", r"minimum", r"at least", r"lower limit", r"shortest", r"smallest", r"lowest"),
        re.compile(rf"\b(?:min|minimum|at least|lower|shortest|smallest|lowest|from)\b|{_RANGE}", re.I),
    ),
)


def qualified(kind: AnswerType | None, qualifier: Qualifier) -> AnswerType:
    """`kind` (any figure when None) narrowed to the qualified value: a line must give both."""
    base = kind or AnswerType("number", "a figure", qualifier.asked, re.compile(_FIGURE, re.IGNORECASE))
    if qualifier.name == "default" and kind is None:
        return AnswerType("default", "the default", qualifier.asked, qualifier.given)
    both = re.compile(rf"^(?=.*(?:{base.given.pattern}))(?=.*(?:{qualifier.given.pattern}))", re.I | re.S)
    label = base.label.removeprefix("a ").removeprefix("an ")
    return AnswerType(f"{qualifier.name} {base.name}", f"the {qualifier.name} {label}", base.asked, both)


def asked_type(question: str) -> AnswerType | None:
    """The kind of quantity the question asks for, narrowed to the value asked (the default, the maximum, the
    minimum) when it says which; None for questions that ask for no quantity and no such value."""
    kind = next((kind for kind in ANSWER_TYPES if kind.asked.search(question)), None)
    qualifier = next((q for q in QUALIFIERS if q.asked.search(question)), None)
    return qualified(kind, qualifier) if qualifier is not None else kind


def cue_words(question: str) -> set[str]:
    """The lower-cased words of the question that only say which kind of answer it wants ("how", "long", "max",
    "default"): a line giving some default does not cover "the default grace period" by holding "default"."""
    found: set[str] = set()
    for pattern in [kind.asked for kind in ANSWER_TYPES] + [q.asked for q in QUALIFIERS]:
        for match in pattern.finditer(question):
            found.update(match.group(0).lower().split())
    return found


def gives(line: str, kind: AnswerType) -> bool:
    """Whether `line` holds a quantity of `kind`."""
    return bool(kind.given.search(without_emphasis(line)))
