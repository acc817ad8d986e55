"""Typed answers of every kind the grader must judge fairly: written for tutorbot, not taken from the dev probes."""

from __future__ import annotations

import pytest

from bot.quiz.candidates import accepted_forms
from bot.quiz.grading import NO_LISTS, grade
from bot.quiz.item import QuizItem

GLOSSARY = {
    "VPC": ["Virtual Private Cloud"],
    "TTL": ["Time To Live"],
    "MFA": ["Multi Factor Authentication"],
    "RPS": ["Requests per Second", "requests/second"],
}


def make(answer: str, kind: str = "cloze", accepted: tuple[str, ...] = ()) -> QuizItem:
    return QuizItem("p1", kind, "Q?", answer, accepted, None, "notes.md", ("T",), 1, 1, "T")


RIGHT = [
    # units typed with a slip, in other units, in words, as words
    ("45 minutes", "45 minutse"),
    ("45 minutes", "2700 seconds"),
    ("45 minutes", "0.75 hours"),
    ("2 years", "24 months"),
    ("2 years", "2 yaers"),
    ("21 days", "3 weeks"),
    ("21 days", "three weeks"),
    ("6 hours", "360 minutes"),
    ("6 hours", "six hrs"),
    ("60 seconds", "a minute"),
    ("500 ms", "half a second"),
    ("500 ms", "0.5 s"),
    ("75%", "75 percnet"),
    ("75%", "seventy-five percent"),
    ("99.9%", "three nines"),
    ("64 KB", "64 kilobytes"),
    ("64 KB", "64KB."),
    ("4 GB", "4 gigabytes"),
    ("5 TB", "5 terabytes"),
    ("3 MB/s", "3 megabytes per second"),
    ("3 MB/s", "24 Mbps"),
    ("100 Mbps", "100 megabits per second"),
    ("12", "twelve"),
    ("12", '"12"'),
    ("12", "１２"),
    ("2,500", "2500"),
    ("2,500", "2.5k"),
    ("1,000,000", "one million"),
    ("256 MiB", "256 mebibytes"),
    # terms: plurals, hyphens, slips, prefixes, generic nouns, acronyms
    ("Global Tables", "global table"),
    ("Cross-Region Replication", "cross region replication"),
    ("Cross-Region Replication", "Cross-Regoin Replication"),
    ("Lifecycle Rules", "S3 lifecycle rules"),
    ("Parameter Store", "SSM Parameter Store"),
    ("layer 3", "OSI layer 3"),
    ("OSI layer 3", "layer 3"),
    ("BatchGetItem", "BatchGetItem API"),
    ("BatchGetItem", "BatchGetItem call"),
    ("io2", "io2 volumes"),
    ("Virtual Private Cloud", "VPC"),
    ("VPC", "virtual private clouds"),
    ("Time To Live", "TTL"),
    ("Requests per Second", "RPS"),
    ("RPS", "requests/second"),
    ("Auto Scaling Groups", "ASGs"),
    ("Point In Time Recovery", "PITR"),
    ("Multi-Region", "multiple regions"),
    ("Sticky Sessions", "sticky session"),
    ("Provisioned Concurrency", "Provisoned Concurrency"),
    ("Elastic Beanstalk", "elastic beanstalk."),
    ("the origin", "Origin"),
]

WRONG = [
    ("45 minutes", "45 seconds"),
    ("45 minutes", "4 minutes"),
    ("45 minutes", "45 hours"),
    ("2 years", "20 months"),
    ("21 days", "2 weeks"),
    ("75%", "7.5%"),
    ("64 KB", "64 MB"),
    ("64 KB", "64 Kb"),
    ("3 MB/s", "3 Mbps"),
    ("3 MB/s", "3 MB"),
    ("100 Mbps", "100 MB/s"),
    ("99.9%", "four nines"),
    ("12", "120"),
    ("2,500", "250"),
    ("256 MiB", "256 MB"),
    ("Global Tables", "Global Secondary Index"),
    ("Cross-Region Replication", "Same-Region Replication"),
    ("Cross-Region Replication", "Replication"),
    ("BatchGetItem", "BatchWriteItem"),
    ("BatchGetItem", "GetItem"),
    ("io2", "io1"),
    ("io2 volumes", "gp2 volumes"),
    ("Virtual Private Cloud", "VPN"),
    ("Time To Live", "TTY"),
    ("Auto Scaling Groups", "Auto Scaling Policies"),
    ("Multi-Region", "Multi-AZ"),
    ("SSE-S3", "S3"),
    ("execve(2)", "execv"),
    ("execve(2)", "2"),
    ("fork(2)", "fork(3)"),
    ("Lambda Layers", "Lambda"),
    ("Provisioned Concurrency", "Reserved Concurrency"),
    ("Sticky Sessions", "Sessions"),
    ("CloudFront", "Cloud"),
    ("Parameter Store", "Secrets Manager"),
]


@pytest.mark.parametrize(("answer", "response"), RIGHT)
def test_right_answers_in_other_forms_are_accepted(answer: str, response: str) -> None:
    assert grade(make(answer), response, GLOSSARY).correct


@pytest.mark.parametrize(("answer", "response"), WRONG)
def test_near_misses_stay_wrong(answer: str, response: str) -> None:
    result = grade(make(answer), response, GLOSSARY)
    assert not result.correct
    assert result.expected == answer


@pytest.mark.parametrize("response", ["SSE-S3 or SSE-KMS", "SSE-KMS, SSE-C", "SSE-S3 / SSE-KMS"])
def test_a_list_of_guesses_is_refused_with_a_reason(response: str) -> None:
    result = grade(make("SSE-KMS"), response)
    assert not result.correct and result.note == NO_LISTS


@pytest.mark.parametrize(("answer", "response"), [("45 minutes", "45"), ("75%", "75")])
def test_a_bare_number_is_accepted_with_a_reminder_of_the_unit(answer: str, response: str) -> None:
    result = grade(make(answer), response)
    assert result.correct and answer in result.note


def test_a_slip_is_accepted_with_a_note() -> None:
    result = grade(make("45 minutes"), "45 minutes")
    assert result.correct and result.note == ""
    assert "typo" in grade(make("Cross-Region Replication"), "Cross-Regoin Replication").note


def test_a_label_in_brackets_is_not_an_answer_of_its_own() -> None:
    assert accepted_forms("execve(2)", {}) == ("execve",)
    assert "DLQ" in accepted_forms("Dead Letter Queue (DLQ)", {"DLQ": "Dead Letter Queue"})
    assert not grade(make("execve(2)", accepted=accepted_forms("execve(2)", {})), "2").correct
