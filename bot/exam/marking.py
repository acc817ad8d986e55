"""Marking a mock exam: the score, each domain's score and the questions missed (wrong or left unanswered)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.exam.mock import MockQuestion


@dataclass(frozen=True)
class DomainScore:
    """Right answers out of the questions of one domain."""

    domain: str
    correct: int
    total: int

    @property
    def share(self) -> float:
        """0..1 (0 for a domain with no question)."""
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class Marking:
    """The mock's score, per domain (the exam's order; domains without a question left out), and the indices of the
    questions missed, in the order asked."""

    correct: int
    total: int
    domains: tuple[DomainScore, ...]
    missed: tuple[int, ...]

    @property
    def share(self) -> float:
        return self.correct / self.total if self.total else 0.0


def is_right(question: MockQuestion, choice: int | None) -> bool:
    """Whether the choice picked (an index into `question.choices`, None: no answer) is the item's answer."""
    return (
        choice is not None and 0 <= choice < len(question.choices) and question.choices[choice] == question.item.answer
    )


def mark(questions: Sequence[MockQuestion], answers: Mapping[int, int], domain_order: Iterable[str]) -> Marking:
    """Mark `answers` (question index → choice index); a question without an answer is a miss."""
    right = [is_right(q, answers.get(i)) for i, q in enumerate(questions)]
    tallies: dict[str, list[int]] = {name: [0, 0] for name in domain_order}
    for question, ok in zip(questions, right, strict=True):
        tally = tallies.setdefault(question.domain, [0, 0])
        tally[0] += ok
        tally[1] += 1
    domains = tuple(DomainScore(name, c, t) for name, (c, t) in tallies.items() if t)
    missed = tuple(i for i, ok in enumerate(right) if not ok)
    return Marking(sum(right), len(questions), domains, missed)
