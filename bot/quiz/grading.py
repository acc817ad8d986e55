"""Marking a member's answer: typed answers forgive form, units and small typos, never a different term."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from bot.quiz.item import ItemKind, QuizItem
from bot.quiz.normalise import normalise
from bot.quiz.quantities import clean, read_quantity, same_quantity
from bot.quiz.term_match import Glossary, same_term, tokens

TRUE_WORDS = {"true", "t", "yes", "y", "correct", "right"}
FALSE_WORDS = {"false", "f", "no", "n", "incorrect", "wrong"}
CHOICE_LABEL = re.compile(r"^\(?([a-z]|\d{1,2})[).:]?$", re.IGNORECASE)
# Separators of a list of guesses: "TLS-1.2 or TLS-1.3", "ext3, ext4".
LIST_SEPARATOR = re.compile(r"\s*(?:,|;|\s/\s|\bor\b|\band\b|&)\s*", re.IGNORECASE)
NO_LISTS = "One answer, please: a list of guesses is not an answer."
TYPO_NOTE = "Accepted despite a small typo."
MAX_RESPONSE_LENGTH = 200  # characters of a typed answer (Discord's answer box allows no more)


@dataclass(frozen=True)
class Grade:
    """The verdict, the answer to show, and a short remark (empty when there is nothing to add)."""

    correct: bool
    expected: str
    note: str = ""


def grade(prompt: QuizItem, response: str, glossary: Glossary | None = None) -> Grade:
    """Mark `response` against `prompt`; never raises, whatever the text.

    `glossary` (acronym -> expansions the notes give) lets an expansion stand for its acronym and back.
    """
    text = " ".join(str(response or "").split())
    if not text:
        return Grade(False, prompt.answer, "No answer given.")
    if prompt.kind == ItemKind.TRUE_FALSE:
        return _grade_true_false(prompt, text)
    if prompt.choices:
        chosen = chosen_choice(prompt.choices, text)
        if chosen is not None:
            correct = normalise(chosen) == normalise(prompt.answer)
            return Grade(correct, prompt.answer, "" if correct else f"You chose “{chosen}”.")
    forms = (prompt.answer, *prompt.accepted)
    notes = [typed_match(form, text, glossary or {}) for form in forms]
    if any(note is not None for note in notes):
        return Grade(True, prompt.answer, min(note for note in notes if note is not None))
    if is_list(text, forms):
        return Grade(False, prompt.answer, NO_LISTS)
    return Grade(False, prompt.answer)


TOO_LONG = f"Answers are at most {MAX_RESPONSE_LENGTH} characters; please shorten yours and send it again."


def too_long(prompt: QuizItem, response: str) -> bool:
    """Whether a typed `response` exceeds MAX_RESPONSE_LENGTH (a choice of the prompt may be any length)."""
    return len(response) > MAX_RESPONSE_LENGTH and response not in (prompt.choices or ())


def answer_problem(prompt: QuizItem, response: str) -> str | None:
    """Why `response` cannot be marked at all (so the member should answer again), or None when it can."""
    text = " ".join(str(response or "").split())
    if not text:
        return "No answer given."
    if too_long(prompt, response):
        return TOO_LONG
    if (
        prompt.kind == ItemKind.TRUE_FALSE
        and text.lower().strip(string.punctuation + " ") not in TRUE_WORDS | FALSE_WORDS
    ):
        return "Answer true or false."
    if prompt.choices and CHOICE_LABEL.match(text) and chosen_choice(prompt.choices, text) is None:
        last = chr(ord("A") + len(prompt.choices) - 1)
        return f"Pick one of A–{last} (or 1–{len(prompt.choices)})."
    return None


def _grade_true_false(prompt: QuizItem, text: str) -> Grade:
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


def typed_match(expected: str, response: str, glossary: Glossary) -> str | None:
    """None when a typed response is not the expected answer, else a note ('' when nothing to add).

    Compared as quantities when the answer reads as one, else as terms. 'X (Y)' is answered by X or by X (Y),
    never by Y alone unless Y spells X's initials or expansion.
    """
    expected = re.sub(r"[`*]", "", clean(expected))
    if expected == re.sub(r"[`*]", "", clean(response)):
        return ""  # even an answer with no words ("<=") is matched by itself
    want = read_quantity(expected)
    if want is not None:
        said = read_quantity(response)
        if said is None or not same_quantity(want, said):
            return None
        return f"Remember the unit: {expected}." if said.unit is None and want.unit is not None else ""
    labelled = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", expected)
    forms = (expected, labelled.group(1)) if labelled else (expected,)
    said_text = clean(response)
    if any(same_term(form, said_text, glossary, typos=False) for form in forms):
        return ""
    return TYPO_NOTE if any(same_term(form, said_text, glossary) for form in forms) else None


def is_list(text: str, forms: Sequence[str]) -> bool:
    """Whether a response lists several guesses (and the answer itself is not such a list)."""
    if any(LIST_SEPARATOR.search(form) for form in forms) or read_quantity(text) is not None:
        return False
    return sum(bool(tokens(part)) for part in LIST_SEPARATOR.split(text)) >= 2
