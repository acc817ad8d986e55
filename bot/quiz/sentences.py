"""Sentences of the notes with their exact line and what encloses them (list parents, bold pseudo-headings)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.knowledge.analysis.markup import without_bold_or_code
from bot.knowledge.analysis.sentences import notes_sentences
from bot.knowledge.chunking import Chunk
from bot.knowledge.markdown import FENCE, LIST_ITEM, clean_line, heading_of

LIQUID_OPEN = re.compile(r"^\s*\{%\s*highlight\b")
LIQUID_CLOSE = re.compile(r"^\s*\{%\s*endhighlight\b")
PSEUDO_HEADING = re.compile(r"^\s*\*\*([^*]+?):?\*\*:?\s*$")


@dataclass(frozen=True)
class Context:
    """A line that frames a sentence: its list parent or the bold pseudo-heading above it."""

    line: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of the notes; `text` keeps bold and code markers, links are reduced to their text."""

    text: str
    source: str
    heading_path: tuple[str, ...]
    line: int
    context: tuple[Context, ...] = ()

    @property
    def topic(self) -> str:
        return self.heading_path[0] if self.heading_path else self.source

    @property
    def plain(self) -> str:
        return plain(self.text)

    @property
    def first_line(self) -> int:
        """The first line worth citing: the outermost framing line, or the sentence's own."""
        return min([self.line, *(c.line for c in self.context)])


def plain(markdown: str) -> str:
    """Text without bold or code markers (`markup.without_bold_or_code`)."""
    return without_bold_or_code(markdown)


def code_lines(lines: Sequence[str]) -> set[int]:
    """1-based numbers of the lines inside (and delimiting) fenced or liquid code blocks."""
    inside: set[int] = set()
    closer: re.Pattern[str] | None = None
    for number, line in enumerate(lines, start=1):
        if closer is not None:
            inside.add(number)
            if closer.match(line):
                closer = None
        elif FENCE.match(line):
            inside.add(number)
            closer = FENCE
        elif LIQUID_OPEN.match(line):
            inside.add(number)
            closer = LIQUID_CLOSE
    return inside


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _body(line: str) -> str:
    """A cleaned line without its list marker."""
    text, _ = clean_line(line)
    return LIST_ITEM.sub("", text, count=1).strip()


def enclosing(lines: Sequence[str], number: int, skip: set[int]) -> tuple[Context, ...]:
    """The list parents (and a lead-in line ending in ':') and the nearest bold pseudo-heading of a line."""
    found: list[Context] = []
    line = lines[number - 1]
    indent: int | None = _indent(line) if LIST_ITEM.match(line) else None
    for above in range(number - 1, 0, -1):
        raw = lines[above - 1]
        if PSEUDO_HEADING.match(raw) and above not in skip:
            found.append(Context(above, _body(raw)))
            break
        if heading_of(raw) is not None:
            break
        if above in skip or not raw.strip():
            continue
        if LIST_ITEM.match(raw):
            if indent is not None and _indent(raw) < indent:
                found.append(Context(above, _body(raw)))
                indent = _indent(raw)
            continue
        if indent == 0 and raw.rstrip().endswith(":"):
            found.append(Context(above, _body(raw)))
        indent = None
    return tuple(reversed(found))


def sentences_of(chunks: Iterable[Chunk], source_lines: Mapping[str, Sequence[str]]) -> list[Sentence]:
    """Every prose sentence inside the chunks (code blocks, headings and link-only lines left out)."""
    skip_by_source: dict[str, set[int]] = {}
    seen: set[tuple[str, int]] = set()
    sentences: list[Sentence] = []
    for chunk in chunks:
        lines = source_lines.get(chunk.source)
        if lines is None:
            continue
        if chunk.source not in skip_by_source:
            skip_by_source[chunk.source] = code_lines(lines)
        skip = skip_by_source[chunk.source]
        for number in range(chunk.start_line, min(chunk.end_line, len(lines)) + 1):
            raw = lines[number - 1]
            if (chunk.source, number) in seen or number in skip or heading_of(raw) or PSEUDO_HEADING.match(raw):
                continue
            seen.add((chunk.source, number))
            body = _body(raw)
            if not body:
                continue
            context = enclosing(lines, number, skip)
            sentences.extend(
                Sentence(text, chunk.source, chunk.heading_path, number, context) for text in notes_sentences(body)
            )
    return sentences
