"""Checking questions against the real default notes: picks, citations, NOT inversion, abstention."""

from __future__ import annotations

import re

import pytest

from bot.knowledge.practice import CheckResult, PracticeChecker, parse_question
from bot.settings import REPO_ROOT

QUESTIONS = {
    "serverless": "Which of the following is a serverless service in AWS?\nA. AWS Lambda\nB. Amazon EC2 instances\n"
    "C. Amazon EBS volumes",
    "not_serverless": "Which of the following is NOT a serverless service in AWS?\nA. AWS Lambda\nB. Amazon DynamoDB\n"
    "C. Amazon EC2 instances",
    "streams_pair": "Which DynamoDB features are described in the notes? (Select TWO)\nA. DynamoDB Streams\n"
    "B. Global secondary indexes\nC. Kubernetes pods\nD. Sourdough starters",
    "off_topic": "Which ingredient makes a sourdough loaf rise?\nA) wild yeast starter\nB) baking soda\nC) egg whites\n"
    "D) cold butter",
}


@pytest.fixture(scope="module")
def results(checker: PracticeChecker) -> dict[str, CheckResult]:
    checked = checker.check_many([parse_question(text) for text in QUESTIONS.values()])
    return dict(zip(QUESTIONS, checked, strict=True))


def test_picks_the_option_the_notes_support(results: dict[str, CheckResult]) -> None:
    result = results["serverless"]
    assert result.picks == (0,)
    assert not result.abstained
    assert result.confidence >= 0.5


def test_not_question_picks_the_unsupported_option(results: dict[str, CheckResult]) -> None:
    result = results["not_serverless"]
    assert result.question.negated
    assert result.picks == (2,)
    assert list(result.ranking) == sorted(range(3), key=lambda i: result.support[i])


def test_select_two_picks_two(results: dict[str, CheckResult]) -> None:
    result = results["streams_pair"]
    assert set(result.picks) == {0, 1}
    assert len(result.ranking) == 4 and sorted(result.ranking) == [0, 1, 2, 3]


def test_abstains_on_what_the_notes_never_mention(results: dict[str, CheckResult]) -> None:
    result = results["off_topic"]
    assert result.abstained
    assert result.reason
    assert result.confidence < 0.5


def _plain_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def test_citations_are_real_line_spans_of_the_notes_and_quote_them(results: dict[str, CheckResult]) -> None:
    for result in results.values():
        assert len(result.evidence) == len(result.question.options)
        for passages in result.evidence:
            assert passages
            for evidence in passages:
                citation = evidence.citation
                lines = (REPO_ROOT / citation.source).read_text(encoding="utf-8").splitlines()
                assert 1 <= citation.start_line <= citation.end_line <= len(lines)
                assert citation.heading_path
                assert 0 < len(evidence.quote) <= 300
                cited = _plain_words(" ".join(lines[citation.start_line - 1 : citation.end_line]))
                assert _plain_words(evidence.quote.removesuffix("…")) <= cited | {""}
