"""A mock's report within Discord's limits however many misses and however long the questions and answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.discord.formatting import DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT
from bot.discord.mock._report import EMBEDS_PER_MESSAGE, report_messages
from bot.exam.marking import mark
from bot.exam.mock import MockQuestion
from bot.quiz.item import QuizItem
from bot.service.types import MockReport, MockSession

START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def long_question(number: int) -> MockQuestion:
    words = " ".join(["word"] * 200)
    choices = (f"right {words}", f"wrong {words}", "c", "d")
    prompt = QuizItem(
        f"q{number}",
        "multiple_choice",
        f"Question {number} {words}?",
        choices[0],
        (choices[0],),
        choices,
        "notes/a-very-long-file-name.md",
        ("Top", "Middle " * 20, "Leaf"),
        number,
        number + 2,
        "Top",
    )
    return MockQuestion(prompt, ("Development", "Security")[number % 2])


def test_every_message_of_a_report_with_65_long_misses_fits_discord() -> None:
    questions = tuple(long_question(n) for n in range(65))
    answers = {n: 1 for n in range(0, 65, 2)}  # every other question answered wrong, the rest unanswered
    session = MockSession(1, questions, answers, frozenset(), 0, START, START + timedelta(minutes=130), START)
    marking = mark(questions, answers, ("Development", "Security"))
    report = MockReport(session, marking, timedelta(minutes=130), True, 5, 6)
    messages = report_messages(report)
    assert messages[0][0].title == "Mock exam report" and "**0/65** right" in (messages[0][0].description or "")
    for embeds in messages:
        assert 1 <= len(embeds) <= EMBEDS_PER_MESSAGE
        assert sum(len(e) for e in embeds) <= EMBED_TOTAL_LIMIT
        assert all(len(e.description or "") <= DESCRIPTION_LIMIT for e in embeds)
    missed = "\n".join(e.description or "" for m in messages for e in m if e.title == "Missed")
    assert all(f"**Q{n + 1}**" in missed for n in range(65))
