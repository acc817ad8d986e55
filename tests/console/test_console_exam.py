"""The terminal tutor's /exam: set, show, countdown on /stats, result, friendly refusals."""

from __future__ import annotations

from datetime import timedelta

from bot.tutor import Tutor
from tests.console.scripted import ME, talk


async def test_exam_set_show_stats_result_and_clear(tutor: Tutor) -> None:
    day = tutor.clock.now().date() + timedelta(days=10)
    out = await talk(tutor, f"/exam set {day:%d %B %Y} Final cert", "/exam", "/stats")
    assert out.count(f"Yours: Final cert on {day:%A %d %B %Y} (in 10 days)") == 2
    assert f"Exam: Final cert on {day:%A %d %B %Y}: in 10 days." in out
    out = await talk(tutor, "/exam set yesterday-ish", "/exam set 2020-01-01", "/exam result maybe", "/exam bogus")
    assert "not a date I can read" in out and "has passed" in out
    assert "passed or failed" in out and "/exam result passed|failed" in out
    out = await talk(tutor, "/exam result passed 800", "/exam clear", "/exam clear")
    assert "Recorded: passed." in out and "No exam date set" in out and "No exam date was set for you" in out
    (result,) = await tutor.repos.exams.results(ME.guild_id, ME.user_id)
    assert (result.passed, result.score, result.exam_on) == (True, 800, day)
