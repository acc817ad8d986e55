"""How well a member knows each exam domain: the mean mastery over all of the domain's prompts.

Built on the per-topic mastery of `bot.quiz.mastery` (prompts never answered count 0, a last wrong answer counts 0):
a domain's mastery is its sections' topic masteries weighted by how many prompts each section has, so a large
section weighs more than a small one and a domain cannot read mastered while a section of it is untouched.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.exam.domains import ExamDomains
from bot.quiz.mastery import TopicMastery


def domain_mastery(domains: ExamDomains, topics: Iterable[TopicMastery]) -> dict[str, float]:
    """Each domain of `domains` (its order) → mastery 0..1 over all prompts of its sections among `topics`.

    A domain none of whose sections has a prompt in `topics` reads 0.0; topics in no domain are ignored.
    """
    mastered = dict.fromkeys(domains.weights, 0.0)
    sizes = dict.fromkeys(domains.weights, 0)
    for topic in topics:
        domain = domains.of_section.get(topic.topic)
        if domain in mastered:
            mastered[domain] += topic.mastery * topic.prompts
            sizes[domain] += topic.prompts
    return {domain: mastered[domain] / sizes[domain] if sizes[domain] else 0.0 for domain in mastered}
