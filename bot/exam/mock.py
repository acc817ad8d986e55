"""Mock exams: the best multiple-choice, comparison and true/false items, spread over the domains by weight."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from bot.apportion import apportion
from bot.errors import InvalidInput
from bot.exam.domains import ExamDomains
from bot.knowledge.profile import ExamBlueprint
from bot.quiz.item import ItemKind, QuizItem

MOCK_KINDS = frozenset(
    {ItemKind.MULTIPLE_CHOICE, ItemKind.COMPARISON, ItemKind.TRUE_FALSE}
)  # answered by picking, as in the exam
TRUE_FALSE_CHOICES = ("True", "False")
MAX_QUESTIONS = 500


@dataclass(frozen=True)
class MockQuestion:
    """One question of a mock exam: the quiz item and its domain."""

    item: QuizItem
    domain: str

    @property
    def choices(self) -> tuple[str, ...]:
        """What the member picks from (true/false items: 'True' and 'False')."""
        return self.item.choices or TRUE_FALSE_CHOICES


@dataclass(frozen=True)
class MockExam:
    """Questions in the order asked, the time allowed in minutes, and the domains' weights (per cent)."""

    questions: tuple[MockQuestion, ...]
    minutes: int
    domains: Mapping[str, float]

    def domain_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(self.domains, 0)
        for question in self.questions:
            counts[question.domain] += 1
        return counts


def assemble_mock(
    items: Iterable[QuizItem],
    domains: ExamDomains,
    questions: int,
    minutes: int,
    seed: str,
    avoid: Collection[str] = (),
) -> MockExam:
    """A mock of `questions` items (fewer when the notes have fewer), same seed, same mock.

    Each domain gets its largest-remainder share of the questions (within one of its weight); a domain with too
    few items gives its share to the others. Within a domain the best items (by quality) come first, one per
    top-level section before a second from any, ties broken by the seed; items in `avoid` (the member's last
    mock) only when nothing else is left; no item and no cited passage twice. Raises InvalidInput for fewer than
    one or more than MAX_QUESTIONS questions, or less than one minute.
    """
    if not 1 <= questions <= MAX_QUESTIONS or minutes < 1:
        raise InvalidInput(f"A mock exam has 1 to {MAX_QUESTIONS} questions and at least one minute.")
    rng = random.Random(seed)
    pools = _pools(items, domains, rng, set(avoid))
    counts = apportion(questions, domains.weights, {name: len(pools.get(name, ())) for name in domains.weights})
    chosen = [MockQuestion(item, name) for name, count in counts.items() for item in pools.get(name, [])[:count]]
    rng.shuffle(chosen)
    return MockExam(tuple(chosen), minutes, domains.weights)


def minutes_for(questions: int, blueprint: ExamBlueprint) -> int:
    """The time for `questions` at the real exam's pace (its minutes per question), at least one minute."""
    return max(1, round(blueprint.minutes * questions / blueprint.questions))


def _pools(
    items: Iterable[QuizItem], domains: ExamDomains, rng: random.Random, avoid: set[str]
) -> dict[str, list[QuizItem]]:
    """Each domain's usable items, best first: not avoided, quality, first of its section, then the seed."""
    by_domain: dict[str, list[QuizItem]] = defaultdict(list)
    seen: set[tuple[str, int, int]] = set()
    for item in sorted(items, key=lambda p: (-p.quality, p.id)):
        passage = (item.source, item.start_line, item.end_line)
        domain = domains.domain_of(item)
        if item.kind in MOCK_KINDS and domain is not None and passage not in seen:
            seen.add(passage)
            by_domain[domain].append(item)
    pools = {}
    for domain, pool in by_domain.items():
        draw = {item.id: rng.random() for item in pool}
        nth: dict[str, int] = {}
        rank: dict[str, int] = defaultdict(int)
        for item in sorted(pool, key=lambda p: (-p.quality, draw[p.id])):
            nth[item.id] = rank[item.topic]
            rank[item.topic] += 1
        pools[domain] = sorted(pool, key=lambda p: (p.id in avoid, -p.quality, nth[p.id], draw[p.id]))
    return pools
