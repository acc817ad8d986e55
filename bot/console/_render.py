"""What the terminal tutor shows, as `rich` renderables: the notes' markdown rendered, wrapped at the terminal's width.

A `rich.console.Console` decides the rest: colours and styles only on a terminal (and never with NO_COLOR), plain
text when the output is a file or a pipe.
"""

from __future__ import annotations

import sys
from typing import IO

from rich.console import Console, Group, RenderableType
from rich.markdown import Markdown
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from bot.knowledge.answer_markdown import OUTDATED_LABEL, outdated_note
from bot.knowledge.answering import Answer
from bot.knowledge.practice import CheckResult, support_level
from bot.pictures.table import Align, Table
from bot.quiz.item import ItemKind, QuizItem
from bot.service.types import GradedAnswer, LeechPassage, RoundSummary
from bot.wording import FOLLOW_UP_NOTE, certainty, line_span, plural

PLAIN_WIDTH = 100  # columns when the output is not a terminal (rich's own default is 80)


def terminal_console(stream: IO[str] | None = None) -> Console:
    """Styles and the terminal's width on a terminal; plain text, PLAIN_WIDTH wide, anywhere else."""
    stream = stream or sys.stdout
    is_tty = stream.isatty()
    return Console(file=stream, width=None if is_tty else PLAIN_WIDTH, highlight=False, emoji=False)


def plain_console(stream: IO[str], width: int = PLAIN_WIDTH) -> Console:
    """No styles at a fixed width: what a pipe shows (tests read it)."""
    return Console(file=stream, width=width, color_system=None, force_terminal=False, highlight=False, emoji=False)


def notes_text(text: str) -> Markdown:
    """Text taken from the notes (Discord markdown: bold, code, bullets, links), rendered for the terminal."""
    return Markdown(text, hyperlinks=True)


def marked(markup: str) -> Text:
    """One line of rich markup (`[bold]…[/]`); put dynamic text through `escape` first."""
    return Text.from_markup(markup)


def source_line(heading_path: tuple[str, ...] | list[str], start: int, end: int) -> Text:
    """Where in the notes: the last two headings and the line span."""
    return marked(f"[cyan]▸ {escape(' › '.join(heading_path[-2:]))}, {line_span(start, end)}[/]")


def render_answer(answer: Answer) -> RenderableType:
    if answer.abstained:
        return notes_text(answer.lead)
    parts: list[RenderableType] = []
    if answer.understood:
        parts.append(marked(f"[dim]{FOLLOW_UP_NOTE}: {escape(answer.understood)}[/]"))
    if answer.lead:  # a partial answer's "what the notes do not say"
        parts.append(marked(f"[yellow]{escape(answer.lead)}[/]"))
    for section in answer.sections:
        citation = section.citation
        label = f"{escape(citation.label)}"
        parts += [marked(f"[cyan]▸ {label}[/]"), Padding(notes_text(section.text), (0, 0, 1, 2))]
        parts += [
            Padding(marked(f"[yellow]{OUTDATED_LABEL}:[/] {escape(outdated_note(erratum))}"), (0, 0, 1, 2))
            for erratum in section.outdated
        ]
    match = certainty(answer.confidence)
    footer = f"How closely the notes match your question: {match}."
    if match in {"low", "very low"}:
        footer += " Check the passages above, or rephrase."
    parts.append(marked(f"[dim]{footer}[/]"))
    if answer.diagrams:
        parts.append(marked(f"[dim]Diagrams: {escape(', '.join(answer.diagrams[:3]))}[/]"))
    return Group(*parts)


def render_prompt(number: int, total: int, prompt: QuizItem) -> RenderableType:
    parts: list[RenderableType] = [
        marked(f"[bold]Question {number}/{total}[/]  [dim]({escape(prompt.topic)})[/]"),
        notes_text(prompt.question),
    ]
    if prompt.choices:
        parts += [Text(f"  {chr(ord('A') + i)}. {choice}") for i, choice in enumerate(prompt.choices)]
    elif prompt.kind == ItemKind.TRUE_FALSE:
        parts.append(marked("[dim]  (true or false)[/]"))
    return Group(*parts)


def render_grade(graded: GradedAnswer) -> RenderableType:
    prompt = graded.prompt
    if graded.correct:
        verdict = marked("[green]✓ Right![/]")
    else:
        verdict = marked(f"[red]✗ Not quite: the answer is {escape(graded.expected)}.[/]")
    parts: list[RenderableType] = [verdict]
    if graded.note:
        parts.append(marked(f"[dim]{escape(graded.note)}[/]"))
    if prompt.explanation:
        parts.append(notes_text(prompt.explanation))
    parts.append(source_line(prompt.heading_path, prompt.start_line, prompt.end_line))
    if graded.set_aside is not None:
        parts.append(render_set_aside(graded.set_aside))
    return Group(*parts)


def render_set_aside(set_aside: LeechPassage) -> RenderableType:
    """A question just set aside as a leech: why, the passage that answers it with its citation, and what to type."""
    why = marked(
        f"[yellow]That is {plural(set_aside.lapses, 'wrong answer')} on this question: it leaves your reviews. "
        "Read the passage that answers it; type /again when you want to study it again.[/]"
    )
    passage = set_aside.passage
    if passage is None:
        return Group(why, marked("[dim]The notes no longer hold its passage (they were rebuilt).[/]"))
    where = source_line(passage.heading_path or (passage.source,), passage.start_line, passage.end_line)
    return Group(why, notes_text(passage.text), where)


def render_summary(summary: RoundSummary) -> RenderableType:
    streak = summary.streak
    return Group(
        marked(f"[bold]Round over: {summary.correct}/{summary.answered} right, +{summary.points} points.[/]"),
        Text(
            f"Streak: {plural(streak.current, 'day')} (best {plural(streak.best, 'day')}; "
            f"{plural(streak.freezes_held, 'freeze')} held to cover a missed day)."
        ),
    )


def render_check(result: CheckResult) -> RenderableType:
    """Each option with how strongly the notes back it and its best evidence, then the pick or why there is none."""
    letters = [chr(ord("A") + i) for i in range(len(result.question.options))]
    parts: list[RenderableType] = []
    for index, option in enumerate(result.question.options):
        picked = "  [green]← pick[/]" if index in result.picks and not result.abstained else ""
        parts.append(marked(f"[bold]{letters[index]}. {escape(option)}[/]{picked}"))
        parts.append(
            marked(
                f"[dim]   {support_level(result.support[index])} in the notes · "
                f"{result.scores[index]:.0%} of the evidence points here[/]"
            )
        )
        for evidence in result.evidence[index][:1]:
            parts += [marked(f"[cyan]   ▸ {escape(evidence.citation.label)}[/]"), Text(f"     “{evidence.quote}”")]
        parts.append(Text(""))
    if result.abstained:
        verdict = f"[red]The notes don't settle this:[/] {escape(result.reason)}"
    else:
        picks = ", ".join(letters[i] for i in result.picks)
        verdict = f"[green]Pick: {picks}[/] [dim](how sure: {certainty(result.confidence)})[/]"
    if result.question.negated:
        verdict += " [dim](the question asks what is NOT true: the pick is the least supported option)[/]"
    parts.append(marked(verdict))
    return Group(*parts)


def render_table(table: Table) -> RenderableType:
    """A table (the text twin of a picture) as a rich table under its title in bold: headings when it has any,
    each column aligned as it asks and never wrapped (a fixed-width text column cut with "…", a figure never), the
    asker's rows in bold after the table's mark; what it says when empty, then its notes."""
    grid = RichTable(show_header=table.headed, header_style="bold", box=None, pad_edge=False)
    if table.mark:
        grid.add_column("", no_wrap=True)
    for column in table.columns:
        fixed = column.width if column.align is Align.LEFT else None
        least = column.width if column.align is Align.RIGHT else None
        grid.add_column(
            column.header,
            justify=column.align.value,
            no_wrap=True,
            overflow="ellipsis",
            max_width=fixed,
            min_width=least,
        )
    for row in table.rows:
        mark = [Text(table.mark if row.marked else "")] if table.mark else []
        grid.add_row(*mark, *(Text(cell) for cell in row.cells), style="bold" if row.marked else None)
    parts: list[RenderableType] = [Text(table.title, style="bold", no_wrap=True, overflow="ellipsis"), grid]
    if not table.rows and table.empty:
        parts.append(Text(table.empty))
    if table.notes:
        parts += [Text(""), *(Text(note) for note in table.notes)]
    return Group(*parts)
