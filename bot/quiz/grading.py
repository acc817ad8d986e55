"""Marking a member's answer: typed answers forgive form and small typos, never a different term."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.quiz.normalise import normalise, words
from bot.quiz.numbers import parse_quantity
from bot.quiz.prompt import Prompt

TRUE_WORDS = {"true", "t", "yes", "y", "correct", "right"}
FALSE_WORDS = {"false", "f", "no", "n", "incorrect", "wrong"}
CHOICE_LABEL = re.compile(r"^\(?([a-z]|\d{1,2})[).:]?$", re.IGNORECASE)
TYPO_SIMILARITY = 85  # whole answer, 0-100
WORD_TYPO_SIMILARITY = 75  # each word of a multi-word answer
MIN_TYPO_LENGTH = 5  # shorter answers must be exact
MIN_WORD_TYPO_LENGTH = 4  # shorter words must be exact


@dataclass(frozen=True)
class Grade:
    """The verdict, the answer to show, and a short remark (empty when there is nothing to add)."""

    correct: bool
    expected: str
    note: str = ""


def grade(prompt: Prompt, response: str) -> Grade:
    """Mark `response` against `prompt`; never raises, whatever the text."""
    text = " ".join(str(response or "").split())
    if not text:
        return Grade(False, prompt.answer, "No answer given.")
    if prompt.kind == "true_false":
        return _grade_true_false(prompt, text)
    if prompt.choices:
        chosen = chosen_choice(prompt.choices, text)
        if chosen is not None:
            correct = normalise(chosen) == normalise(prompt.answer)
            return Grade(correct, prompt.answer, "" if correct else f"You chose “{chosen}”.")
    for form in (prompt.answer, *prompt.accepted):
        note = typed_match(form, text)
        if note is not None:
            return Grade(True, prompt.answer, note)
    return Grade(False, prompt.answer)


def answer_problem(prompt: Prompt, response: str) -> str | None:
    """Why `response` cannot be marked at all (so the member should answer again), or None when it can."""
    text = " ".join(str(response or "").split())
    if not text:
        return "No answer given."
    if prompt.kind == "true_false" and text.lower().strip(string.punctuation + " ") not in TRUE_WORDS | FALSE_WORDS:
        return "Answer true or false."
    if prompt.choices and CHOICE_LABEL.match(text) and chosen_choice(prompt.choices, text) is None:
        last = chr(ord("A") + len(prompt.choices) - 1)
        return f"Pick one of A–{last} (or 1–{len(prompt.choices)})."
    return None


def _grade_true_false(prompt: Prompt, text: str) -> Grade:
    said = text.lower().strip(string.punctuation + " ")
    if said not in TRUE_WORDS | FALSE_WORDS:
        return Grade(False, prompt.answer, "Answer true or false.")
    return Grade((said in TRUE_WORDS) == (prompt.answer.lower() == "true"), prompt.answer)


def chosen_choice(choices: Sequence[str], text: str) -> str | None:
    """The choice a response names: its exact text first, then its letter (a, b…) or number (1, 2…)."""
    said = normalise(text)
    for choice in choices:
        if normalise(choice) == said:
            return choice
    label = CHOICE_LABEL.match(text.strip())
    if label is None:
        return None
    mark = label.group(1).lower()
    index = int(mark) - 1 if mark.isdigit() else ord(mark) - ord("a")
    return choices[index] if 0 <= index < len(choices) else None


def typed_match(expected: str, response: str) -> str | None:
    """None when the response is not the expected answer, else a note ('' when exact)."""
    quantity = parse_quantity(re.sub(r"[`*]", "", expected))
    if quantity is not None:
        said = parse_quantity(response)
        if said is None or said.value != quantity.value:
            return None
        return "" if not said.unit or not quantity.unit or said.unit == quantity.unit else None
    want, said_words = words(expected), words(response)
    if want == said_words or "".join(want) == "".join(said_words):
        return ""
    return "Accepted despite a small typo." if _small_typo(want, said_words) else None


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _small_typo(want: list[str], said: list[str]) -> bool:
    """A near miss of the same term: same digits, same short words, close spelling."""
    joined_want, joined_said = " ".join(want), " ".join(said)
    if len(joined_want) < MIN_TYPO_LENGTH or _digits(joined_want) != _digits(joined_said):
        return False
    if fuzz.ratio(joined_want, joined_said) < TYPO_SIMILARITY:
        return False
    if len(want) != len(said):
        return "".join(want)[:3] == "".join(said)[:3] and fuzz.ratio("".join(want), "".join(said)) >= TYPO_SIMILARITY
    return all(_same_word(w, s) for w, s in zip(want, said, strict=True))


def _same_word(want: str, said: str) -> bool:
    if want == said:
        return True
    if len(want) < MIN_WORD_TYPO_LENGTH or want[0] != said[:1]:
        return False
    return fuzz.ratio(want, said) >= WORD_TYPO_SIMILARITY
