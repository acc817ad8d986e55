"""A PDF's text layer as notes (pypdf): each line keeps its page, the outline (bookmarks) become headings.

Kept: the text of every page in reading order as pypdf extracts it, page numbers (for citations), the outline's
titles as headings at the top of the page each points to. Lost: images (a scan without a text layer is refused),
the visual layout (columns are read line by line), fonts and emphasis, tables' cell structure, annotations.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from io import BytesIO
from typing import Any

from pypdf import PdfReader, apply_configuration
from pypdf.generic import Destination

from bot.errors import Refusal, UploadRefused
from bot.knowledge.corpus import Document
from bot.knowledge.intake.limits import UploadLimits
from bot.knowledge.intake.lines import body_line, heading_line

log = logging.getLogger(__name__)

# pypdf's guards against decompression bombs, tightened to what notes need; no outside program is ever run
# (pypdf would call `jbig2dec` for one kind of image).
SAFE_READING: dict[str, Any] = {
    "jbig2dec_binary": None,
    "zlib_maximum_output_length": 20_000_000,
    "lzw_maximum_output_length": 20_000_000,
    "run_length_maximum_output_length": 20_000_000,
    "brotli_maximum_output_length": 20_000_000,
    "maximum_declared_stream_length": 20_000_000,
}


def pdf_document(name: str, data: bytes, limits: UploadLimits) -> Document:
    """The PDF's text as a Document with each line's page. UploadRefused: ENCRYPTED, TOO_MANY_PAGES, UNREADABLE
    (damaged), NO_TEXT (no text layer); the page count is checked before any page's text is read."""
    with apply_configuration(**SAFE_READING):
        try:
            return _read(name, data, limits)
        except UploadRefused:
            raise
        except Exception as error:  # any failure inside pypdf on untrusted bytes is a damaged file to the member
            log.info("could not read %s: %r", name, error)
            raise UploadRefused(
                Refusal.UNREADABLE, f"{name} could not be read as a PDF (it may be damaged); export it again."
            ) from error


def _read(name: str, data: bytes, limits: UploadLimits) -> Document:
    reader = PdfReader(BytesIO(data))
    if reader.is_encrypted:
        raise UploadRefused(
            Refusal.ENCRYPTED,
            f"{name} is encrypted (protected by a password or against copying); save an unprotected copy "
            "(for example by printing it to PDF) and upload that.",
        )
    count = len(reader.pages)
    if count > limits.pages:
        raise UploadRefused(
            Refusal.TOO_MANY_PAGES, f"{name} has {count} pages; a PDF may have at most {limits.pages}. Split it."
        )
    headings = _headings_by_page(reader)
    lines: list[str] = []
    pages: list[int] = []
    for number, page in enumerate(reader.pages, start=1):
        text_lines = [body_line(line) for line in (page.extract_text() or "").splitlines()]
        page_lines = [*_with_headings(text_lines, headings.get(number - 1, [])), ""]
        lines.extend(page_lines)
        pages.extend([number] * len(page_lines))
    return Document(source=name, lines=tuple(lines), pages=tuple(pages))


def _headings_by_page(reader: PdfReader) -> dict[int, list[tuple[int, str]]]:
    """The outline's (level, title) entries by the index of the page each points to (nesting is the level)."""
    headings: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for level, entry in _walk(reader.outline, 1):
        page = reader.get_destination_page_number(entry)
        if page is not None and page >= 0 and heading_line(level, str(entry.title or "")):
            headings[page].append((level, str(entry.title)))
    return headings


def _with_headings(lines: list[str], headings: list[tuple[int, str]]) -> list[str]:
    """The page's lines with its outline headings in order: each replaces the first line after the previous one
    that reads as its title (where the page prints it), else goes in at that point."""
    placed = list(lines)
    at = 0
    for level, title in headings:
        wanted = _folded(title)
        found = next((i for i in range(at, len(placed)) if _folded(placed[i]) == wanted), None)
        if found is None:
            placed.insert(at, heading_line(level, title))
            at += 1
        else:
            placed[found] = heading_line(level, title)
            at = found + 1
    return placed


def _folded(text: str) -> str:
    return " ".join(text.replace("\\", "").split()).casefold()


def _walk(items: Iterable[Any], level: int) -> Iterable[tuple[int, Destination]]:
    """(level, entry) over the nested outline, a list whose sub-lists are the children of the entry before."""
    for item in items:
        if isinstance(item, list):
            yield from _walk(item, level + 1)
        elif isinstance(item, Destination):
            yield level, item
