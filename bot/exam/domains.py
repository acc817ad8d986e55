"""The exam's domains over the notes: each domain's weight and the domain of each top-level section (topic).

The profile's exam blueprint says which top-level sections belong to which domain; notes without one treat every
top-level section as a domain of equal weight.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.knowledge.profile import ExamBlueprint
from bot.quiz.item import QuizItem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExamDomains:
    """Domains in the blueprint's order with their weights (per cent of the exam, adding up to 100), and the
    domain of each top-level section. A section the blueprint does not name belongs to no domain."""

    weights: Mapping[str, float]
    of_section: Mapping[str, str]

    @classmethod
    def over(cls, blueprint: ExamBlueprint, sections: Sequence[str]) -> ExamDomains:
        """The blueprint's domains over the notes' top-level `sections` (equal domains, one per section, without
        a blueprint). Sections named in the blueprint but absent from the notes, and sections of the notes in no
        domain, are logged: a renamed heading should not silently leave the exam."""
        if not blueprint.domains:
            return cls(_percent({s: 1.0 for s in sections}), {s: s for s in sections})
        of_section = {s: d.name for d in blueprint.domains for s in d.sections}
        if missing := sorted(set(of_section) - set(sections)):
            log.warning("exam domains name sections the notes do not have: %s", "; ".join(missing))
        if unassigned := [s for s in sections if s not in of_section]:
            log.info("top-level sections in no exam domain (left out of mock exams): %s", "; ".join(unassigned))
        return cls(_percent({d.name: d.weight for d in blueprint.domains}), of_section)

    def with_moves(self, moves: Mapping[str, str | None]) -> ExamDomains:
        """These domains with a server's moves applied: section → another of these domains, or None (in no
        domain). Weights never change; a move naming a domain these do not have is ignored (and logged), so a
        profile edit that renames a domain cannot put a section into a domain of no weight."""
        of_section = dict(self.of_section)
        for section, domain in moves.items():
            if domain is None:
                of_section.pop(section, None)
            elif domain in self.weights:
                of_section[section] = domain
            else:
                log.warning("a server's move of %r names the domain %r, which the exam no longer has", section, domain)
        return ExamDomains(self.weights, of_section)

    def domain_of(self, item: QuizItem) -> str | None:
        """The domain of a quiz item (by its top-level section), or None when its section is in none."""
        return self.of_section.get(item.topic)


def _percent(weights: Mapping[str, float]) -> dict[str, float]:
    total = math.fsum(weights.values())
    return {name: round(100 * weight / total, 3) for name, weight in weights.items()}
