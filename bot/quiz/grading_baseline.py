"""The typed-answer grader before unit-aware grading, kept only so `tutorbot eval quiz` prints its figure beside
the current grader's in the same run. Not used to mark members."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from bot.quiz.grading import TRUE_WORDS
from bot.quiz.item import ItemKind, QuizItem
from bot.quiz.normalise import words
from bot.quiz.numbers import parse_quantity

TYPO_SIMILARITY, WORD_TYPO_SIMILARITY = 85, 75
MIN_TYPO_LENGTH, MIN_WORD_TYPO_LENGTH = 5, 4


def baseline_correct(prompt: QuizItem, response: str) -> bool:
    """The old verdict: number and canonical unit equal, or the words equal give or take a small typo."""
    text = " ".join(response.split())
    if prompt.kind == ItemKind.TRUE_FALSE:
        return (text.lower().strip(".!") in TRUE_WORDS) == (prompt.answer.lower() == "true")
    return bool(text) and any(_typed_match(form, text) for form in (prompt.answer, *prompt.accepted))


def _typed_match(expected: str, response: str) -> bool:
    quantity = parse_quantity(re.sub(r"[`*]", "", expected))
    if quantity is not None:
        said = parse_quantity(response)
        if said is None or said.value != quantity.value:
            return False
        return not said.unit or not quantity.unit or said.unit == quantity.unit
    want, said_words = words(expected), words(response)
    return want == said_words or "".join(want) == "".join(said_words) or _small_typo(want, said_words)


def _small_typo(want: list[str], said: list[str]) -> bool:
    joined_want, joined_said = " ".join(want), " ".join(said)
    digits_differ = re.findall(r"\d+", joined_want) != re.findall(r"\d+", joined_said)
    if len(joined_want) < MIN_TYPO_LENGTH or digits_differ or fuzz.ratio(joined_want, joined_said) < TYPO_SIMILARITY:
        return False
    if len(want) != len(said):
        return "".join(want)[:3] == "".join(said)[:3] and fuzz.ratio("".join(want), "".join(said)) >= TYPO_SIMILARITY
    return all(
        w == s or (len(w) >= MIN_WORD_TYPO_LENGTH and w[0] == s[:1] and fuzz.ratio(w, s) >= WORD_TYPO_SIMILARITY)
        for w, s in zip(want, said, strict=True)
    )
