"""The terminal tutor's mock exam: one question at a time, answered by its number; flags, moves, a review, submit.

The mock is the service's (kept in the database), so `/stop` only pauses it: `/mock` resumes it while time is left,
and a mock whose time ran out is submitted as it stood and reported.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from rich.console import RenderableType
from rich.markup import escape
from rich.text import Text

from bot.console._input import ReadLine
from bot.console._render import marked
from bot.service.mocks import RESUMED
from bot.service.types import MockReport, MockSession, Who
from bot.tutor import Tutor
from bot.wording import line_span

Write = Callable[[RenderableType], None]
MOCK_HINT = "Answer with a number; /flag, /next, /prev, /go N, /review, /submit, or /stop to pause (/mock resumes)."
PAUSED = "Paused; the clock runs on. /mock resumes it, /mock report shows the last report."


def minutes_left(session: MockSession, now_left: timedelta) -> str:
    seconds = max(0, round(now_left.total_seconds()))
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min" if seconds >= 3600 else f"{seconds // 60} min"


def render_question(session: MockSession, left: timedelta) -> RenderableType:
    index = session.position
    question = session.questions[index]
    flagged = " ⚑ flagged" if index in session.flags else ""
    lines = [
        f"[bold]Question {index + 1}/{len(session.questions)}[/] [dim]({escape(question.domain)}; "
        f"{minutes_left(session, left)} left){flagged}[/]",
        escape(question.item.question),
    ]
    chosen = session.answers.get(index)
    for number, choice in enumerate(question.choices, start=1):
        mark = " [green]← your answer[/]" if chosen == number - 1 else ""
        lines.append(f"  {number}. {escape(choice)}{mark}")
    return marked("\n".join(lines))


def render_review(session: MockSession) -> RenderableType:
    flags = ", ".join(str(i + 1) for i in sorted(session.flags)) or "none"
    unanswered = ", ".join(str(i + 1) for i in session.unanswered) or "none"
    return Text(
        f"Answered {len(session.answers)}/{len(session.questions)}. Flagged: {flags}. Not answered: {unanswered}."
    )


def render_mock_report(report: MockReport) -> RenderableType:
    marking, session = report.marking, report.session
    allowed = session.deadline - session.started_at
    lines = [
        f"[bold]Mock exam report: {marking.correct}/{marking.total} right ({marking.share:.0%})[/]",
        f"Time used: {minutes_left(session, report.time_used)} of {minutes_left(session, allowed)}"
        + (" (submitted automatically when the time was up)" if report.auto_submitted else ""),
    ]
    lines += [f"  {escape(d.domain)}: {d.correct}/{d.total} ({d.share:.0%})" for d in marking.domains]
    for index in marking.missed:
        question = session.questions[index]
        chosen = session.answers.get(index)
        given = "no answer" if chosen is None else question.choices[chosen]
        item = question.item
        where = f"{escape(item.source)}, {line_span(item.start_line, item.end_line)}"
        lines.append(
            f"[red]Q{index + 1}[/] {escape(item.question)}\n    yours: {escape(given)} · right: "
            f"[bold]{escape(item.answer)}[/] [cyan]▸ {where}[/]"
        )
    return marked("\n".join(lines))


async def take_mock(tutor: Tutor, who: Who, session: MockSession, read_line: ReadLine, write: Write) -> None:
    """Ask the mock's questions until it is submitted, paused (/stop, end of input) or out of time."""
    mocks = tutor.mocks
    if session.resumed:
        write(Text(RESUMED))
    write(marked(f"[dim]{escape(MOCK_HINT)}[/]"))
    while session.submitted_at is None:
        write(render_question(session, session.deadline - tutor.clock.now()))
        typed = await read_line("mock> ")
        if typed is None:
            write(Text(PAUSED))
            return
        word, _, rest = typed.strip().lstrip("/").partition(" ")
        word = word.lower()
        if word.isdigit():
            choice = int(word) - 1
            if not 0 <= choice < len(session.questions[session.position].choices):
                write(Text(f"Pick 1 to {len(session.questions[session.position].choices)}. {MOCK_HINT}"))
                continue
            session = await mocks.choose(who, session.id, session.position, choice)
        elif word == "flag":
            session = await mocks.flag(who, session.id, session.position)
        elif word in ("next", "prev", "go"):
            step = {"next": session.position + 1, "prev": session.position - 1}
            target = step.get(word, int(rest) - 1 if rest.strip().isdigit() else -1)
            if not 0 <= target < len(session.questions):
                write(Text(f"There is no such question: 1 to {len(session.questions)}."))
                continue
            session = await mocks.move(who, session.id, target)
        elif word == "review":
            write(render_review(await mocks.session(who, session.id)))
        elif word == "submit":
            break
        elif word in ("stop", "pause"):
            write(Text(PAUSED))
            return
        else:
            write(Text(MOCK_HINT))
    report = await mocks.submit(who, session.id)
    write(render_mock_report(report))
