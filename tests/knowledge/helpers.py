"""Assertions shared by the knowledge tests: what a chunk's line span shows, and that it matches the chunk."""

from __future__ import annotations

import json

from bot.knowledge.chunking import Chunk
from bot.knowledge.corpus import Document
from bot.knowledge.markdown import FENCE, clean_line, heading_of, is_table_rule, starts_table


def shown_lines(document: Document) -> list[str | None]:
    """Each line as a chunk shows it: code fences raw (blank lines too), a table's delimiter rows as they are, other
    lines cleaned; None if hidden."""
    shown: list[str | None] = []
    in_fence = in_table = False
    lines = document.lines
    for number, line in enumerate(lines, start=1):
        in_table = in_table and bool(line.strip()) and "|" in line and not FENCE.match(line) and not heading_of(line)
        if FENCE.match(line):
            in_fence = not in_fence
            shown.append(line)
        elif in_fence:
            shown.append(line)
        elif in_table and is_table_rule(line):
            shown.append(line.strip())
        else:
            in_table = in_table or (
                not heading_of(line) and starts_table(line, lines[number] if number < len(lines) else None)
            )
            shown.append(clean_line(line)[0] or None)
    return shown


def own_text(chunk: Chunk) -> str:
    """The chunk's text without the lines a split added (a repeated table header, a reopening or closing fence)."""
    return "\n".join(line for i, line in enumerate(chunk.text.split("\n")) if i not in chunk.added_lines)


def squeezed(text: str) -> str:
    """`text` without any whitespace, to compare pieces of a line that was split and re-joined."""
    return "".join(text.split())


def span_text(shown: list[str | None], chunk: Chunk) -> str:
    """The shown lines start..end of `chunk` (from `shown_lines`), joined as the chunker joins them."""
    assert 1 <= chunk.start_line <= chunk.end_line <= len(shown), chunk
    return "\n".join(line for line in shown[chunk.start_line - 1 : chunk.end_line] if line is not None).strip()


def assert_span_covers(shown: list[str | None], chunk: Chunk) -> None:
    """The chunk's own text lies within its lines (pieces of a split line are re-joined with newlines)."""
    assert squeezed(own_text(chunk)) in squeezed(span_text(shown, chunk)), chunk


def assert_span_exact(shown: list[str | None], chunk: Chunk) -> None:
    """Lines start..end reproduce the chunk's text; when a long line was split, the piece lies within them,
    starting on the start line and ending on the end line."""
    if span_text(shown, chunk) == own_text(chunk).strip():
        return
    assert_span_covers(shown, chunk)
    first, last = shown[chunk.start_line - 1], shown[chunk.end_line - 1]
    assert first is not None and last is not None, f"lines {chunk.start_line}-{chunk.end_line} start or end hidden"
    text_lines = [line for line in own_text(chunk).split("\n") if line.strip()]
    assert squeezed(text_lines[0]) in squeezed(first), f"{chunk} does not start on line {chunk.start_line}"
    assert squeezed(text_lines[-1]) in squeezed(last), f"{chunk} does not end on line {chunk.end_line}"


def json_lines(text: str) -> list[dict]:
    """Each line of a command's output parsed as one JSON object."""
    return [json.loads(line) for line in text.splitlines()]
