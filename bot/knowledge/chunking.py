"""Heading-aware chunking with exact source line spans and a hard token window."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import PurePosixPath

from bot.knowledge.analysis.sentences import oversize_pieces
from bot.knowledge.corpus import Document
from bot.knowledge.markdown import FENCE, LIST_ITEM, clean_line, fence_closer, heading_of, is_table_rule, starts_table
from bot.knowledge.tokens import count_tokens


@dataclass(frozen=True)
class ChunkerSettings:
    """Limits on a chunk: shown text at most `max_chars`, embedded text at most `max_tokens` (cl100k)."""

    max_chars: int = 1500
    max_tokens: int = 200

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class Chunk:
    """A passage of the notes: cleaned markdown text, where it is, and the diagrams of its lines."""

    chunk_id: str
    source: str
    heading_path: tuple[str, ...]
    start_line: int
    end_line: int
    text: str
    images: tuple[str, ...] = field(default=())
    added_lines: tuple[int, ...] = field(default=())  # indices of text lines not in the notes at start..end:
    # a split table's repeated header and delimiter rows, a split code block's reopening and closing fences
    pages: tuple[int, ...] = field(default=())  # (first page, last page) in a paged original (a PDF), else ()

    @property
    def topic(self) -> str:
        """The top-level heading (or the file name for text before any heading)."""
        return self.heading_path[0] if self.heading_path else PurePosixPath(self.source).stem

    @property
    def embed_text(self) -> str:
        """What is embedded and keyword-indexed: the heading path, then the text."""
        return embed_text(self.heading_path, self.text)


def topics_of(chunks: Iterable[Chunk]) -> list[str]:
    """The notes' top-level sections (chunk topics), in notes order."""
    return list(dict.fromkeys(c.topic for c in chunks))


def embed_text(heading_path: Iterable[str], text: str) -> str:
    path = " > ".join(heading_path)
    return f"{path}\n{text}" if path else text


@dataclass(frozen=True)
class _Fragment:
    """Text from one source line; `glue` joins it to the fragment before (a newline, or a space inside a line).

    An `added` fragment repeats a line of a split table or code block (its header, its fences) in a later piece.
    """

    number: int
    text: str
    glue: str = "\n"
    added: bool = False


@dataclass
class _Unit:
    """A piece never split across chunks unless it alone is too big: a paragraph, list item, table or code block."""

    fragments: list[_Fragment]
    images: list[str] = field(default_factory=list)
    kind: str = "text"  # "table" and "code" are split with their header or fences carried into every piece

    @property
    def text(self) -> str:
        return "".join((f.glue if i else "") + f.text for i, f in enumerate(self.fragments))

    @property
    def start_line(self) -> int:
        return min(f.number for f in self._own_fragments)

    @property
    def end_line(self) -> int:
        return max(f.number for f in self._own_fragments)

    @property
    def _own_fragments(self) -> list[_Fragment]:
        return [f for f in self.fragments if not f.added] or self.fragments

    @property
    def added_lines(self) -> tuple[int, ...]:
        """Indices of the text's lines made of added fragments."""
        line = 0
        added: list[int] = []
        for i, fragment in enumerate(self.fragments):
            line += fragment.glue.count("\n") if i else 0
            if fragment.added:
                added.append(line)
        return tuple(added)


@dataclass
class _Section:
    heading_path: tuple[str, ...]
    units: list[_Unit] = field(default_factory=list)
    orphan_images: list[str] = field(default_factory=list)  # diagrams under a heading with no text


def _sections(document: Document) -> Iterator[_Section]:
    """Split a document at headings (outside code fences) into sections of units."""
    path: list[tuple[int, str]] = []
    section = _Section(heading_path=())
    unit: _Unit | None = None
    in_fence = False
    in_table = False
    pending_images: list[str] = []

    def close_unit() -> None:
        nonlocal unit
        if unit is not None and unit.fragments:
            unit.images.extend(pending_images)
            pending_images.clear()
            if "table" in (unit.kind, section.units[-1].kind if section.units else None):
                unit.fragments[0] = replace(unit.fragments[0], glue="\n\n")  # a blank line ends a table
            section.units.append(unit)
        unit = None

    def close_section() -> _Section:
        close_unit()
        if section.units:
            section.units[-1].images.extend(pending_images)
        else:
            section.orphan_images.extend(pending_images)
        pending_images.clear()
        return section

    lines = document.lines
    for number, line in enumerate(lines, start=1):
        if in_table and (not line.strip() or "|" not in line or FENCE.match(line) or heading_of(line)):
            in_table = False
            close_unit()
        if FENCE.match(line) or in_fence:
            if not in_fence:
                close_unit()
                unit = _Unit([], kind="code")
            assert unit is not None
            unit.fragments.append(_Fragment(number, line))
            if FENCE.match(line) and len(unit.fragments) > 1:
                close_unit()
                in_fence = False
            else:
                in_fence = True
            continue
        heading = heading_of(line)
        if heading is not None:
            yield close_section()
            level, title = heading
            path = [(lvl, t) for lvl, t in path if lvl < level] + [(level, title)]
            section = _Section(heading_path=tuple(t for _, t in path if t))
            continue
        if not in_table and starts_table(line, lines[number] if number < len(lines) else None):
            close_unit()
            unit = _Unit([], kind="table")
            in_table = True
        if in_table and is_table_rule(line):
            assert unit is not None
            unit.fragments.append(_Fragment(number, line.strip()))
            continue
        text, images = clean_line(line)
        pending_images.extend(images)
        if in_table:
            if text:
                assert unit is not None
                unit.fragments.append(_Fragment(number, text.strip()))
            continue
        if not text:
            if not line.strip() or unit is None or LIST_ITEM.match(line):
                close_unit()
            continue
        if unit is None or LIST_ITEM.match(line):
            close_unit()
            unit = _Unit([])
        unit.fragments.append(_Fragment(number, text))
    yield close_section()


def _cut(text: str) -> tuple[list[str], str]:
    """Pieces of one over-long line and the glue between them: sentences, else words, else characters."""
    sentences = oversize_pieces(text)
    if len(sentences) > 1:
        return sentences, " "
    words = text.split(" ")
    if len(words) > 1:
        return words, " "
    size = max(1, min(200, len(text) // 2))  # one enormous token: halve until the pieces fit
    return [text[i : i + size] for i in range(0, len(text), size)], ""


def _split_block(unit: _Unit, fits: Callable[[str], bool]) -> list[_Unit]:
    """Split a table or code block by rows, as few pieces as fit; none when it has fewer than two body lines.

    Every piece after the first starts with the table's header and delimiter rows, or reopens the code block with
    its opening fence line (same fence, language and indentation); every piece before the last closes the code
    block. Those carried lines are `added` fragments, so the pieces' line spans stay their own.
    """
    rules = [i for i, f in enumerate(unit.fragments) if unit.kind == "table" and is_table_rule(f.text)]
    heads = rules[0] + 1 if rules else 1  # a table's header and delimiter rows, a code block's opening fence
    closed = unit.kind == "code" and len(unit.fragments) > 1 and bool(FENCE.match(unit.fragments[-1].text))
    head, body = unit.fragments[:heads], unit.fragments[heads : len(unit.fragments) - closed]
    tail = unit.fragments[len(unit.fragments) - closed :]
    if len(body) < 2:
        return []

    def piece(rows: list[_Fragment], first: bool, last: bool) -> _Unit:
        opening = head if first else [replace(f, number=rows[0].number, added=True) for f in head]
        closing = tail if last else []
        if unit.kind == "code" and not last:
            closing = [_Fragment(rows[-1].number, fence_closer(head[0].text), added=True)]
        return _Unit([*opening, *rows, *closing])

    pieces: list[list[_Fragment]] = []
    rows: list[_Fragment] = []
    for fragment in body:
        grown = [*rows, fragment]
        if rows and not all(fits(piece(grown, not pieces, last).text) for last in (False, True)):
            pieces.append(rows)
            grown = [fragment]
        rows = grown
    pieces.append(rows)
    units = [piece(rows, i == 0, i == len(pieces) - 1) for i, rows in enumerate(pieces)]
    units[-1].images.extend(unit.images)
    return units


def _split_unit(unit: _Unit, fits: Callable[[str], bool]) -> list[_Unit]:
    """Split a unit too big for one chunk: a table or code block by rows (`_split_block`), else by line, then
    within its line. Every piece keeps its own line."""
    if unit.kind != "text":
        blocks = _split_block(unit, fits)
        if blocks:
            return blocks
    if len(unit.fragments) > 1:
        pieces = [_Unit([fragment]) for fragment in unit.fragments]
    else:
        (fragment,) = unit.fragments
        texts, glue = _cut(fragment.text)
        pieces = [
            _Unit([_Fragment(fragment.number, piece, fragment.glue if i == 0 else glue)])
            for i, piece in enumerate(t for t in texts if t)
        ]
    if pieces:
        pieces[-1].images.extend(unit.images)
    return pieces


def _pack(section: _Section, fits: Callable[[tuple[str, ...], str], bool]) -> Iterator[_Unit]:
    """Greedily merge a section's units into chunk-sized units.

    Linear in the section's size: the queue is a deque (a unit split into thousands of words is pushed back in
    one step, each taken in O(1)), and the text of the chunk being filled is kept, not joined again per unit.
    """
    queue = deque(section.units)
    current: _Unit | None = None
    current_text = ""
    while queue:
        unit = queue.popleft()
        text = unit.text
        if not fits(section.heading_path, text) and len(text) > 1:
            if current is not None:
                yield current
                current = None
            queue.extendleft(reversed(_split_unit(unit, lambda body: fits(section.heading_path, body))))
            continue
        if current is not None:
            grown = current_text + unit.fragments[0].glue + text
            if fits(section.heading_path, grown):
                current.fragments.extend(unit.fragments)
                current.images.extend(unit.images)
                current_text = grown
                continue
            yield current
        first, *rest = unit.fragments
        current = _Unit([replace(first, glue="\n"), *rest], list(unit.images))
        current_text = text
    if current is not None:
        yield current


def _trimmed(text: str) -> str:
    """`text` without blank lines around it or trailing spaces; the first line keeps its indentation."""
    lines = text.rstrip().split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def chunk_id(source: str, heading_path: tuple[str, ...], text: str) -> str:
    """A stable id: the same notes text under the same headings keeps its id across rebuilds."""
    key = "\x1f".join((source, " > ".join(heading_path), " ".join(text.split())))
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def chunk_documents(
    documents: Iterable[Document],
    settings: ChunkerSettings | None = None,
    window_fits: Callable[[str], bool] | None = None,
) -> list[Chunk]:
    """Chunk every document. `window_fits` is the embedding model's own check of its token window."""
    settings = settings or ChunkerSettings()

    def fits(heading_path: tuple[str, ...], body: str) -> bool:
        text = embed_text(heading_path, body)
        if len(body) > settings.max_chars or count_tokens(text) > settings.max_tokens:
            return False
        return window_fits is None or window_fits(text)

    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for document in documents:
        first_of_document = len(chunks)
        for section in _sections(document):
            if section.orphan_images and len(chunks) > first_of_document:  # a diagram-only section: keep its
                last = chunks[-1]  # diagrams with the passage just before it
                chunks[-1] = replace(last, images=tuple(dict.fromkeys((*last.images, *section.orphan_images))))
            for unit in _pack(section, fits):
                text = _trimmed(unit.text)
                if not text:
                    continue
                cid = chunk_id(document.source, section.heading_path, text)
                seen[cid] = seen.get(cid, 0) + 1
                if seen[cid] > 1:
                    cid = f"{cid}-{seen[cid]}"
                chunks.append(
                    Chunk(
                        chunk_id=cid,
                        source=document.source,
                        heading_path=section.heading_path,
                        start_line=unit.start_line,
                        end_line=unit.end_line,
                        text=text,
                        images=tuple(dict.fromkeys(unit.images)),
                        added_lines=unit.added_lines,
                        pages=document.pages_of(unit.start_line, unit.end_line),
                    )
                )
    return chunks
