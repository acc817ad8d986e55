"""Checks on what a member typed, before any search: empty, too long, another script, chit-chat."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from bot.knowledge.analysis.markup import unmarked_question
from bot.knowledge.profile import active_profile

MAX_QUESTION_CHARS = 2000
DISCORD_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")
INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
CHIT_CHAT = re.compile(
    r"^\s*(hi|hello|hey|yo|sup|thanks?|thank you|thx|ty|good (morning|night|evening)|how are you|who are you|"
    r"what are you|what can you do|lol|ok(ay)?|cool|nice|bye|gm|gn)\b[\s!?.]*(there|bot|tutorbot|again)?[\s!?.]*$",
    re.IGNORECASE,
)


class AnswerProblem(StrEnum):
    """Why an answer is not one from the notes (`Answer.problem`); the values are stable for front ends and logs."""

    EMPTY = "empty"  # nothing to search for once mentions and decoration are gone
    TOO_LONG = "too_long"
    OTHER_SCRIPT = "other_script"  # mostly not in the Latin script
    CHIT_CHAT = "chit_chat"  # a greeting or small talk
    NOT_COVERED = "not_covered"  # searched: the notes do not cover it


@dataclass(frozen=True)
class QuestionProblem:
    """Why a question gets a reply instead of a search (any `AnswerProblem` but NOT_COVERED)."""

    kind: AnswerProblem
    message: str


def clean_question(text: str) -> str:
    """The question without Discord mentions, invisible characters or markdown decoration."""
    text = INVISIBLE.sub("", DISCORD_MENTION.sub(" ", text))
    text = unmarked_question(text)
    return " ".join(text.split())


def latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "LATIN" in unicodedata.name(c, "")) / len(letters)


def ask_something() -> str:
    """What to tell a member who asked nothing: ask, with the notes' example question when they have one."""
    example = active_profile().example_question
    if not example:
        return "Ask me something about the notes."
    return f"Ask me something about the notes, for example: *{example}*"


def question_problem(raw: str) -> QuestionProblem | None:
    """A friendly reason not to search for `raw`, or None when it is worth searching."""
    if len(raw) > MAX_QUESTION_CHARS:
        return QuestionProblem(
            AnswerProblem.TOO_LONG,
            f"That question is {len(raw):,} characters long; please keep it under {MAX_QUESTION_CHARS:,} "
            "and ask about one thing at a time.",
        )
    text = clean_question(raw)
    if not any(c.isalnum() for c in text):
        return QuestionProblem(AnswerProblem.EMPTY, ask_something())
    if latin_share(text) < 0.5:
        return QuestionProblem(
            AnswerProblem.OTHER_SCRIPT, "I can only search these notes in English; please ask your question in English."
        )
    if CHIT_CHAT.match(text):
        return QuestionProblem(
            AnswerProblem.CHIT_CHAT,
            "Hi! I answer questions from your study notes, quiz you and track your streak. "
            "Ask me a question about the notes to get started.",
        )
    return None
