"""A domain's mastery is the mean over all of its prompts: sections weighted by their size, untouched ones count."""

from __future__ import annotations

import pytest

from bot.exam.domain_mastery import domain_mastery
from bot.exam.domains import ExamDomains
from bot.quiz.mastery import TopicMastery

DOMAINS = ExamDomains(
    weights={"Build": 60.0, "Run": 40.0},
    of_section={"Functions": "Build", "Queues": "Build", "Monitoring": "Run"},
)


def test_sections_weigh_by_their_number_of_prompts() -> None:
    topics = [TopicMastery("Functions", 1.0, 30, 30), TopicMastery("Queues", 0.0, 10, 0)]
    assert domain_mastery(DOMAINS, topics)["Build"] == pytest.approx(0.75)


def test_a_domain_without_prompts_reads_zero_and_topics_in_no_domain_are_ignored() -> None:
    topics = [TopicMastery("Functions", 0.5, 4, 4), TopicMastery("Appendix", 1.0, 50, 50)]
    assert domain_mastery(DOMAINS, topics) == {"Build": pytest.approx(0.5), "Run": 0.0}


def test_domains_keep_the_blueprint_order() -> None:
    assert list(domain_mastery(DOMAINS, [])) == ["Build", "Run"]
