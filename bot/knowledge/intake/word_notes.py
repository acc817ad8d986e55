"""A Word (.docx) file as notes (python-docx): headings stay headings, lists list items, tables markdown tables.

Kept: paragraphs in document order, headings (the built-in Title and Heading 1-9 styles, and styles based on
them) at their level, list paragraphs as list items, tables as markdown tables (merged cells repeated). Lost:
images, text boxes, headers and footers, footnotes and comments, tracked changes not yet accepted, fonts and
emphasis. A .docx is a zip archive: its table of contents is checked against the limits before anything is
unpacked, so an archive that would expand far beyond its size is refused unread.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterator
from io import BytesIO

import docx
from docx.styles.style import CharacterStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

from bot.errors import Refusal, UploadRefused
from bot.knowledge.corpus import Document
from bot.knowledge.intake.limits import UploadLimits, size_words
from bot.knowledge.intake.lines import body_line, heading_line

log = logging.getLogger(__name__)

MAIN_PART = "word/document.xml"
HEADING_STYLE = re.compile(r"^(?:heading\s*(\d)|title)$", re.IGNORECASE)
MAX_STYLE_DEPTH = 10  # styles based on styles: how far to look for a heading style


def docx_document(name: str, data: bytes, limits: UploadLimits) -> Document:
    """The Word file's text as a Document. UploadRefused: EXPANDS_TOO_FAR (the zip's parts are too many or would
    unpack too far), ENCRYPTED, NOT_WHAT_IT_CLAIMS (a zip but not a Word document), UNREADABLE (damaged)."""
    _check_archive(name, data, limits)
    try:
        document = docx.Document(BytesIO(data))
        lines = list(_lines(document.iter_inner_content()))
    except Exception as error:  # any failure inside python-docx or lxml on untrusted bytes is a damaged file
        log.info("could not read %s: %r", name, error)
        raise UploadRefused(
            Refusal.UNREADABLE, f"{name} could not be read as a Word file (it may be damaged); save it again."
        ) from error
    return Document(source=name, lines=tuple(lines))


def _check_archive(name: str, data: bytes, limits: UploadLimits) -> None:
    """The zip's directory against the limits (its declared sizes bound what reading can unpack)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UploadRefused(Refusal.UNREADABLE, f"{name} is a damaged Word file (its zip cannot be read).") from error
    if len(entries) > limits.archive_entries:
        raise UploadRefused(
            Refusal.EXPANDS_TOO_FAR,
            f"{name} holds {len(entries)} parts; a Word file may hold at most {limits.archive_entries}.",
        )
    expanded = sum(entry.file_size for entry in entries)
    if expanded > limits.expanded_bytes or expanded > limits.expansion_ratio * max(len(data), 1):
        raise UploadRefused(
            Refusal.EXPANDS_TOO_FAR,
            f"{name} would unpack to {size_words(expanded)} from {size_words(len(data))}, more than a Word file "
            f"of notes may (at most {size_words(limits.expanded_bytes)}, {limits.expansion_ratio} times its size).",
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise UploadRefused(Refusal.ENCRYPTED, f"{name} is encrypted; save an unprotected copy and upload that.")
    if MAIN_PART not in {entry.filename for entry in entries}:
        raise UploadRefused(
            Refusal.NOT_WHAT_IT_CLAIMS, f"{name} is a zip archive but not a Word document (it has no {MAIN_PART})."
        )


def _lines(blocks: Iterator[Paragraph | Table]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield from _paragraph_lines(block)


def _paragraph_lines(paragraph: Paragraph) -> Iterator[str]:
    text = paragraph.text
    if not text.strip():
        return
    level = _heading_level(paragraph.style)
    if level is not None:
        yield ""
        yield heading_line(level, text)
        yield ""
        return
    lines = [body_line(line) for line in text.splitlines() if line.strip()]
    if _is_list_item(paragraph):
        yield f"- {lines[0].lstrip()}"
        yield from (f"  {line.lstrip()}" for line in lines[1:])
    else:
        yield from lines
        yield ""


def _heading_level(style: CharacterStyle | None) -> int | None:
    """1 for Title, N for Heading N (also for a style based on one), None for any other paragraph."""
    for _ in range(MAX_STYLE_DEPTH):
        if style is None:
            return None
        match = HEADING_STYLE.match((style.name or "").strip())
        if match:
            return int(match.group(1) or 1)
        style = style.base_style
    return None


def _is_list_item(paragraph: Paragraph) -> bool:
    """A paragraph numbered or bulleted by Word, or in a List style."""
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    name = paragraph.style.name if paragraph.style is not None else ""
    return (name or "").lower().startswith("list")


def _table_lines(table: Table) -> Iterator[str]:
    rows = [[_cell_text(cell.text) for cell in row.cells] for row in table.rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return
    width = max(len(row) for row in rows)
    yield ""
    for i, row in enumerate(rows):
        yield "| " + " | ".join(row + [""] * (width - len(row))) + " |"
        if i == 0:
            yield "|" + "---|" * width
    yield ""


def _cell_text(text: str) -> str:
    return body_line(" ".join(text.split())).replace("|", "\\|")
