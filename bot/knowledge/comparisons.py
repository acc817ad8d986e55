"""Comparison questions ("X vs Y", "X versus Y vs Z", "difference between X and Y", "compare X with Y"):
the sides they compare, and one search per side so that the answer shows each side's own passage.

A side is a short run of words (at most MAX_SIDE_WORDS) next to the comparing word, stopped by punctuation or by a
plain question word ("when should I use X vs Y?" compares X and Y). Each side is searched with the rest of the
question ("X vs Y: which one keeps order?" searches "X which one keeps order" and "Y which one keeps order").
"""

from __future__ import annotations

import re

from bot.knowledge.analysis.analyser import STOP_WORDS

MAX_SIDE_WORDS = 4
MAX_SIDES = 4
VS = re.compile(r"\s+(?:vs\.?|versus|v\.)\s+", re.IGNORECASE)
BETWEEN = re.compile(r"\b(?:differences?|difference|distinction|choose|choosing)\s+between\s+(?P<rest>.+)", re.I)
COMPARE = re.compile(r"\bcompar(?:e|ing)\s+(?P<rest>.+)", re.IGNORECASE)
COMPARED = re.compile(
    r"(?P<left>.+?)\s+(?:compared?|compares|as opposed|stacks? up)\s+(?:to|with|against)\s+(?P<right>.+)", re.IGNORECASE
)
JOIN = re.compile(r"\s+(?:and|with|to|or)\s+|\s*,\s*(?:and\s+|or\s+)?", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z0-9`(][\w\-./`()]*")
STOPPING = STOP_WORDS | {
    "use", "pick", "choose", "prefer", "vs", "versus", "compare", "compared", "compares", "difference", "differences",
    "between", "better", "opposed", "against",
}  # fmt: skip


def _side(words: list[str], from_end: bool) -> str:
    """The side at one end of `words`: its last (or first) words up to a plain word or MAX_SIDE_WORDS."""
    ordered = list(reversed(words)) if from_end else words
    while not from_end and ordered and ordered[0].lower() in STOP_WORDS:  # "between a X and a Y"
        ordered = ordered[1:]
    taken: list[str] = []
    for word in ordered:
        if word.lower().strip("`()") in STOPPING or len(taken) == MAX_SIDE_WORDS:
            break
        taken.append(word)
    return " ".join(reversed(taken) if from_end else taken)


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _clause(text: str) -> str:
    """`text` up to its first sentence punctuation (a side never runs past it)."""
    return re.split(r"[?!:;]|\.\s|\.$", text, maxsplit=1)[0]


def _listed(rest: str) -> list[str]:
    """Sides listed as "X and Y", "X with Y", "X, Y and Z"."""
    parts = JOIN.split(_clause(rest))
    sides = [_side(_words(p), from_end=False) for p in parts]
    return [s for s in sides if s]


def comparison_sides(question: str) -> tuple[str, ...]:
    """The 2..MAX_SIDES things `question` compares, as written, or () when it compares nothing."""
    sides: list[str] = []
    pieces = VS.split(question)
    if len(pieces) > 1:
        sides.append(_side(_words(re.split(r"[?!:;,]", pieces[0])[-1]), from_end=True))
        sides.extend(_side(_words(re.split(r"[?!:;,]", p)[0]), from_end=False) for p in pieces[1:])
    elif match := COMPARED.search(_clause(question)):
        sides = [_side(_words(match.group("left")), from_end=True), _side(_words(match.group("right")), False)]
    elif match := BETWEEN.search(question) or COMPARE.search(question):
        sides = _listed(match.group("rest"))
    unique = list(dict.fromkeys(s for s in sides if s))
    return tuple(unique[:MAX_SIDES]) if len(unique) >= 2 else ()


def side_queries(question: str, sides: tuple[str, ...]) -> list[str]:
    """One search per side: the side, then the question's other words (the other sides and comparing words out)."""
    others = question
    for side in sides:
        others = others.replace(side, " ")
    context = [w for w in _words(VS.sub(" ", others)) if len(w) > 1 and w.lower() not in STOPPING]
    return [" ".join([side, *context]) for side in sides]
