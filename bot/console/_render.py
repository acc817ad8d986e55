"""Text for the terminal: colours when writing to a terminal, plain text otherwise."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass

from bot.knowledge.answering import Answer
from bot.quiz.prompt import Prompt
from bot.service.types import GradedAnswer, RoundSummary

BOLD_MARK = re.compile(r"\*\*(.+?)\*\*")
CODE_MARK = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Style:
    """ANSI styles, or nothing at all when colour is off."""

    enabled: bool

    @classmethod
    def for_stream(cls, stream: object = sys.stdout) -> Style:
        is_tty = getattr(stream, "isatty", lambda: False)()
        return cls(enabled=bool(is_tty) and "NO_COLOR" not in os.environ)

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def good(self, text: str) -> str:
        return self._wrap("32", text)

    def bad(self, text: str) -> str:
        return self._wrap("31", text)

    def accent(self, text: str) -> str:
        return self._wrap("36", text)

    def markdown(self, text: str) -> str:
        """Bold and inline code shown as styles instead of markers."""
        text = BOLD_MARK.sub(lambda m: self.bold(m.group(1)), text)
        return CODE_MARK.sub(lambda m: self.accent(m.group(1)), text)


def render_answer(answer: Answer, style: Style) -> str:
    if answer.abstained:
        return style.dim(answer.text)
    blocks = []
    for section in answer.sections:
        blocks.append(style.accent(f"▸ {section.citation.label}") + "\n" + style.markdown(section.text))
    footer = style.dim(f"confidence {answer.confidence:.2f}")
    if answer.diagrams:
        footer += style.dim(f" · diagrams: {', '.join(answer.diagrams[:3])}")
    return "\n\n".join(blocks) + "\n" + footer


def render_prompt(number: int, total: int, prompt: Prompt, style: Style) -> str:
    lines = [
        style.bold(f"Question {number}/{total}") + style.dim(f"  ({prompt.topic})"),
        style.markdown(prompt.question),
    ]
    if prompt.choices:
        lines += [f"  {chr(ord('A') + i)}. {choice}" for i, choice in enumerate(prompt.choices)]
    elif prompt.kind == "true_false":
        lines.append(style.dim("  (true or false)"))
    return "\n".join(lines)


def render_grade(graded: GradedAnswer, style: Style) -> str:
    prompt = graded.prompt
    verdict = style.good("✓ Right!") if graded.correct else style.bad(f"✗ Not quite: the answer is {graded.expected}.")
    where = style.dim(f"{' › '.join(prompt.heading_path[-2:])}, lines {prompt.start_line}–{prompt.end_line}")
    parts = [verdict]
    if graded.note:
        parts.append(style.dim(graded.note))
    if prompt.explanation:
        parts.append(style.markdown(prompt.explanation))
    parts.append(where)
    return "\n".join(parts)


def render_summary(summary: RoundSummary, style: Style) -> str:
    streak = summary.streak
    line = f"Round over: {summary.correct}/{summary.answered} right, +{summary.points} points."
    return (
        style.bold(line) + "\n" + f"Streak: {streak.current} day(s) (best {streak.best}, freezes {streak.freezes_held})"
    )
