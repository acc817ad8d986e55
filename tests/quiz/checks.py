"""Checks every generated prompt set must pass, on the small notes and on the default corpus."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.quiz.item import QuizItem
from bot.quiz.normalise import mentions, normalise


def answer_in_cited_lines(prompt: QuizItem, source_lines: Mapping[str, Sequence[str]]) -> bool:
    """The answer (for true/false: the source sentence) occurs in the prompt's cited lines, ignoring markdown."""
    cited = " ".join(source_lines[prompt.source][prompt.start_line - 1 : prompt.end_line])
    return mentions(cited, prompt.explanation if prompt.kind == "true_false" else prompt.answer)


def gives_answer_away(prompt: QuizItem) -> bool:
    """Whether the question names its answer (a comparison names both sides, so only its statement counts)."""
    if prompt.kind == "true_false":
        return False
    asked = prompt.question.split("“", 1)[-1] if prompt.kind == "comparison" else prompt.question
    return mentions(asked, prompt.answer)


def problems(prompts: Sequence[QuizItem]) -> list[str]:
    """Structural faults: duplicate ids or questions, broken choices, answers inside questions."""
    found = []
    if len({p.id for p in prompts}) != len(prompts):
        found.append("duplicate ids")
    if len({normalise(p.question) for p in prompts}) != len(prompts):
        found.append("duplicate questions")
    for prompt in prompts:
        if prompt.choices is not None and (
            prompt.answer not in prompt.choices or len({normalise(c) for c in prompt.choices}) != len(prompt.choices)
        ):
            found.append(f"bad choices: {prompt.id}")
        if gives_answer_away(prompt):
            found.append(f"answer in question: {prompt.id}")
    return found
