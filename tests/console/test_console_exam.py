"""The terminal tutor's /exam: set, show, countdown on /stats, result, friendly refusals."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.tutor import Tutor
from tests.console.scripted import ME, ME_AS_MANAGER, talk


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


def _domains_of(out: str) -> dict[str, list[str]]:
    """The listing in the console's output: {"Name (32%)" or "In no domain": its sections}."""
    listing: dict[str, list[str]] = {}
    heading = ""
    for line in out.splitlines():
        if re.fullmatch(r".+ \(\d+(\.\d+)?%\)|In no domain", line.strip()):
            heading = line.strip()
            listing[heading] = []
        elif line.startswith("  • ") and heading:
            listing[heading].append(line[4:])
    return listing


async def test_exam_domains_listed_moved_and_reset(tutor: Tutor) -> None:
    base = tutor.notes.default.exam_domains
    section, old = next(iter(base.of_section.items()))
    new = next(d for d in base.weights if d != old)
    label = {d: f"{d} ({w:g}%)" for d, w in base.weights.items()}
    assert section in _domains_of(await talk(tutor, "/exam domains"))[label[old]]
    refused = await talk(tutor, f"/exam move {section} = {new}")
    assert "Only members with the Manage Server permission can change the exam's domains." in refused
    moved = _domains_of(await talk(tutor, f"/exam move {section.lower()} = {new.upper()}", who=ME_AS_MANAGER))
    assert section in moved[label[new]] and section not in moved[label[old]]
    assert (await tutor.server_exam_domains(ME.guild_id)).of_section[section] == new
    out = await talk(tutor, "/exam move nothing", "/exam move Nowhere at all = none", who=ME_AS_MANAGER)
    assert "Write /exam move SECTION = DOMAIN" in out
    assert "no top-level section of the notes called “Nowhere at all”" in out
    left_out = _domains_of(await talk(tutor, f"/exam move {section} = none", who=ME_AS_MANAGER))
    assert section in left_out["In no domain"] and all(
        section not in s for d, s in left_out.items() if d in label.values()
    )
    await talk(tutor, f"/exam reset {section}", who=ME_AS_MANAGER)
    assert await tutor.server_exam_domains(ME.guild_id) == base
