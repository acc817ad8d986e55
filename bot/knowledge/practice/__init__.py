"""Practice-exam questions checked against the notes: parse, gather evidence per option, rank, abstain."""

from bot.knowledge.practice.checker import CheckResult, PracticeChecker, support_level
from bot.knowledge.practice.evidence import Evidence
from bot.knowledge.practice.parsing import PracticeQuestion, make_question, parse_question

__all__ = [
    "CheckResult",
    "Evidence",
    "PracticeChecker",
    "PracticeQuestion",
    "make_question",
    "parse_question",
    "support_level",
]
