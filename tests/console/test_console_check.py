"""/check in the terminal tutor: a pasted question read up to an empty line, its options weighed against the notes."""

from __future__ import annotations

import re

from bot.tutor import Tutor
from tests.console.scripted import talk

STORAGE = [
    "Which storage option loses its data when the EC2 instance is stopped or terminated?",
    "A. EBS volume",
    "B. EC2 Instance Store",
    "C. Amazon EFS",
]
REDIS_TWO = [
    "Which features does ElastiCache for Redis offer?",
    "A. Multi AZ auto-failover",
    "B. Backup and restore",
    "C. Multi-threaded architecture",
]
PASTRY = [
    "Which pastry technique gives croissants their flaky layers?",
    "A. Laminating the dough with butter",
    "B. Adding baking soda",
    "C. Whipping egg whites",
]


async def test_pasted_question_shows_each_option_with_evidence_and_the_pick(tutor: Tutor) -> None:
    out = await talk(tutor, "/check", *STORAGE, "", "/quit")
    for option in ("A. EBS volume", "B. EC2 Instance Store  ← pick", "C. Amazon EFS"):
        assert option in out
    assert out.count(" in the notes · ") == 3 and "% of the evidence points here" in out
    picked = next(block for block in out.split("\n\n") if block.startswith("B. "))
    citation = picked.split("▸")[1]
    assert re.search(r", lines \d+–\d+", citation) and "instance store" in citation.lower()
    assert "“" in citation
    assert "Pick: B (how sure: " in out


async def test_answer_count_after_the_command_picks_that_many(tutor: Tutor) -> None:
    out = await talk(tutor, "/check 2", *REDIS_TWO, "")
    assert "Pick: A, B (how sure: " in out
    assert out.count("← pick") == 2


async def test_question_the_notes_never_cover_is_not_settled(tutor: Tutor) -> None:
    out = await talk(tutor, "/check", *PASTRY, "")
    assert "The notes don't settle this: The notes do not seem to cover" in out
    assert "← pick" not in out and "Pick:" not in out


async def test_text_without_options_gets_a_friendly_error_and_the_session_goes_on(tutor: Tutor) -> None:
    out = await talk(tutor, "/check", "caching is neat", "", "/topics")
    assert "at least two options" in out
    assert "• AWS Fundamentals (IAM + EC2) (" in out


async def test_help_lists_check(tutor: Tutor) -> None:
    assert "/check [answers]" in await talk(tutor, "/help")


async def test_a_check_pasted_in_one_go_with_the_command_needs_no_empty_line(tutor: Tutor) -> None:
    out = await talk(tutor, "\n".join(["/check", *STORAGE]))
    assert "Paste the question" not in out and "B. EC2 Instance Store  ← pick" in out
