"""Readiness for the exam: a stage by a rule the member is shown, and each domain's mastery against its target.

The rule (a common one among certification study groups):

- **ready**: 80% or more on each of the last three *full* mocks (as long as the exam), with no domain under 70% in
  any of them;
- **getting there**: the latest full mock 65% or more;
- **not ready**: otherwise (no full mock yet, or the latest under 65%).

Mastery per domain (`bot.quiz.mastery`, over every quiz item of the domain) is shown against MASTERY_TARGET; it
explains the stage and says where to study, but the stage itself follows the mocks, as the exam will.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.exam.marking import Marking

READY_SCORE = 0.80
DOMAIN_FLOOR = 0.70
MOCKS_IN_A_ROW = 3
GETTING_THERE_SCORE = 0.65
MASTERY_TARGET = 0.70
NOT_READY, GETTING_THERE, READY = "not ready", "getting there", "ready"
STAGES = (NOT_READY, GETTING_THERE, READY)
RULE = (
    f"Ready: {READY_SCORE:.0%} or more on each of your last {MOCKS_IN_A_ROW} full mocks, with no domain under "
    f"{DOMAIN_FLOOR:.0%} in any of them. Getting there: your latest full mock {GETTING_THERE_SCORE:.0%} or more. "
    "Otherwise: not ready."
)


@dataclass(frozen=True)
class DomainReadiness:
    """One domain: the member's mastery (0..1) against the target, and their share right in the latest full mock
    (None: no full mock yet)."""

    domain: str
    mastery: float
    target: float
    last_mock: float | None

    @property
    def below_target(self) -> bool:
        return self.mastery < self.target


@dataclass(frozen=True)
class Readiness:
    """The stage, why (plain sentences), the rule, each domain in the exam's order, and the full mocks counted
    (shares right, latest first)."""

    stage: str
    reasons: tuple[str, ...]
    rule: str
    domains: tuple[DomainReadiness, ...]
    full_mocks: tuple[float, ...]

    def weakest(self, count: int) -> list[str]:
        """The `count` domains furthest below their target (weakest mastery first)."""
        return [d.domain for d in sorted(self.domains, key=lambda d: (d.mastery - d.target, d.domain))[:count]]


def readiness(full_mocks: Sequence[Marking], mastery: Mapping[str, float]) -> Readiness:
    """The member's readiness from their full mocks (latest first) and their mastery of each domain (the exam's
    domains, in order, 0..1)."""
    latest = full_mocks[0] if full_mocks else None
    last_by_domain = {d.domain: d.share for d in latest.domains} if latest else {}
    domains = tuple(
        DomainReadiness(name, share, MASTERY_TARGET, last_by_domain.get(name)) for name, share in mastery.items()
    )
    stage, reasons = _stage(full_mocks)
    return Readiness(stage, reasons, RULE, domains, tuple(m.share for m in full_mocks))


def _stage(full_mocks: Sequence[Marking]) -> tuple[str, tuple[str, ...]]:
    if not full_mocks:
        return NOT_READY, ("No full mock exam yet: take one with /mock start.",)
    recent = full_mocks[:MOCKS_IN_A_ROW]
    low_scores = [m for m in recent if m.share < READY_SCORE]
    low_domains = sorted({d.domain for m in recent for d in m.domains if d.share < DOMAIN_FLOOR})
    if len(recent) == MOCKS_IN_A_ROW and not low_scores and not low_domains:
        return READY, (f"Your last {MOCKS_IN_A_ROW} full mocks: {_shares(recent)}, every domain {DOMAIN_FLOOR:.0%}+.",)
    reasons = [f"Latest full mocks: {_shares(recent)}."]
    if len(recent) < MOCKS_IN_A_ROW:
        reasons.append(f"{MOCKS_IN_A_ROW - len(recent)} more full mock(s) needed for three in a row.")
    if low_scores:
        reasons.append(f"{len(low_scores)} of them under {READY_SCORE:.0%}.")
    if low_domains:
        reasons.append(f"Under {DOMAIN_FLOOR:.0%} in: {', '.join(low_domains)}.")
    stage = GETTING_THERE if full_mocks[0].share >= GETTING_THERE_SCORE else NOT_READY
    return stage, tuple(reasons)


def _shares(mocks: Sequence[Marking]) -> str:
    return ", ".join(f"{m.share:.0%}" for m in mocks)
