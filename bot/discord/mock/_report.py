"""A mock's report as Discord messages: score, per-domain scores, time used, then every miss with the right answer
and its citation, packed into as many messages as Discord's limits need (10 embeds, 6,000 characters each)."""

from __future__ import annotations

from datetime import timedelta

import discord

from bot.discord.formatting import (
    BAD,
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    GOOD,
    add_field,
    clip,
    make_embed,
    prompt_source,
    safe,
)
from bot.service.types import MockNight, MockReport, NightResults

EMBEDS_PER_MESSAGE = 10
MISS_LIMIT = 700  # characters of one miss (question, answers, citation)
QUESTION_LIMIT = 300
RESULT_ROWS = 25


def duration(span: timedelta) -> str:
    """'1 h 05 min', '42 min', '30 s'."""
    seconds = max(0, round(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min" if minutes else f"{seconds} s"


def percent(share: float) -> str:
    return f"{share:.0%}"


def summary_embed(report: MockReport) -> discord.Embed:
    marking, session = report.marking, report.session
    allowed = session.deadline - session.started_at
    lines = [
        f"**{marking.correct}/{marking.total}** right ({percent(marking.share)})",
        f"Time used: {duration(report.time_used)} of {duration(allowed)}",
    ]
    if report.auto_submitted:
        lines.append("Submitted automatically when the time was up.")
    if unanswered := len(session.unanswered):
        lines.append(f"Left unanswered: {unanswered}")
    embed = make_embed("Mock exam report", "\n".join(lines), GOOD if marking.share >= 0.8 else BAD)
    domains = "\n".join(f"{safe(d.domain)}: {d.correct}/{d.total} ({percent(d.share)})" for d in marking.domains)
    add_field(embed, "By domain", domains)
    return embed


def miss_text(report: MockReport, index: int) -> str:
    question = report.session.questions[index]
    chosen = report.session.answers.get(index)
    given = "no answer" if chosen is None else safe(question.choices[chosen])
    text = (
        f"**Q{index + 1}** ({safe(question.domain)}) {safe(clip(question.item.question, QUESTION_LIMIT))}\n"
        f"Yours: {clip(given, 150)} · Right: **{safe(clip(question.item.answer, 200))}**\n"
        f"Source: {safe(prompt_source(question.item))}"
    )
    return clip(text, MISS_LIMIT)


def report_messages(report: MockReport) -> list[list[discord.Embed]]:
    """The report as messages of embeds: the summary first, then the misses in the order asked."""
    embeds = [summary_embed(report)]
    texts = [miss_text(report, i) for i in report.marking.missed]
    description = ""
    for text in texts:
        if len(description) + len(text) + 2 > DESCRIPTION_LIMIT - 100:
            embeds.append(make_embed("Missed", description))
            description = ""
        description = f"{description}\n\n{text}" if description else text
    if description:
        embeds.append(make_embed("Missed", description))
    return _pack(embeds)


def _pack(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Embeds in messages of at most 10 embeds and 6,000 characters."""
    messages: list[list[discord.Embed]] = [[]]
    for embed in embeds:
        current = messages[-1]
        if current and (len(current) >= EMBEDS_PER_MESSAGE or sum(map(len, current)) + len(embed) > EMBED_TOTAL_LIMIT):
            messages.append([])
        messages[-1].append(embed)
    return messages


def night_embed(night: MockNight) -> discord.Embed:
    closes = int(night.closes_at.timestamp())
    return make_embed(
        f"Mock night: {safe(night.group)}",
        f"{night.questions} questions, {night.minutes} minutes, the same mock for everyone in the study group.\n"
        f"Open until <t:{closes}:f> (<t:{closes}:R>); results are posted here together when it closes.\n"
        "Press **Take the mock** to start (privately).",
    )


def night_results_embed(results: NightResults) -> discord.Embed:
    night = results.night
    if not results.results:
        return make_embed(f"Mock night results: {safe(night.group)}", "Nobody took this mock night.")
    rows = [
        f"{place}. **{safe(name)}** {r.marking.correct}/{r.marking.total} ({percent(r.marking.share)}) · "
        f"{duration(r.time_used)}"
        for place, (name, r) in enumerate(results.results[:RESULT_ROWS], start=1)
    ]
    if len(results.results) > RESULT_ROWS:
        rows.append(f"and {len(results.results) - RESULT_ROWS} more")
    embed = make_embed(f"Mock night results: {safe(night.group)}", "\n".join(rows))
    totals: dict[str, list[int]] = {}
    for _, report in results.results:
        for domain in report.marking.domains:
            tally = totals.setdefault(domain.domain, [0, 0])
            tally[0] += domain.correct
            tally[1] += domain.total
    domains = "\n".join(f"{safe(name)}: {percent(c / t)}" for name, (c, t) in totals.items() if t)
    add_field(embed, "The group by domain", domains)
    return embed
