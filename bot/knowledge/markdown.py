"""Markdown line helpers: headings, fences, tables, list items, and cleaning of image and link noise (the other
markdown strippers, and why they differ, are in bot/knowledge/analysis/markup.py)."""

from __future__ import annotations

import re

from bot.knowledge.analysis.markup import IMAGE, LINK, plain_heading

HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
FENCE_RUN = re.compile(r"^(\s*)(`{3,}|~{3,})")
TABLE_CELL_RULE = re.compile(r"^:?-+:?$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc=[\"']([^\"']+)[\"'][^>]*>", re.IGNORECASE)
BARE_URL_LINE = re.compile(r"^\s*(?:[-*+]\s+)?<?https?://\S+>?\s*$")
NOISE_LINK_TEXT = {"reference", "references", "source", "link", "here", "docs", "documentation", "more", ""}
LEFTOVER = re.compile(r"^[\s\-*+>#|:.,;!()\[\]]*$")


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, plain title) when `line` is an ATX heading."""
    match = HEADING.match(line)
    if not match:
        return None
    return len(match.group(1)), plain_heading(match.group(2))


def fence_closer(opening: str) -> str:
    """The line that closes the code block `opening` starts: its indentation and its run of backticks or tildes."""
    match = FENCE_RUN.match(opening)
    return match.group(1) + match.group(2) if match else "```"


def is_table_rule(line: str) -> bool:
    """True for a table's delimiter row under its header: cells of dashes with optional colons (`|---|:--:|`)."""
    if "|" not in line:
        return False
    cells = line.strip().strip("|").split("|")
    return all(TABLE_CELL_RULE.match(cell.strip()) for cell in cells)


def starts_table(line: str, next_line: str | None) -> bool:
    """True when `line` is a table's header row: it has cells and the delimiter row follows it."""
    return "|" in line and not is_table_rule(line) and next_line is not None and is_table_rule(next_line)


def clean_line(line: str) -> tuple[str, list[str]]:
    """The line with images removed and links reduced to their text; returns (text, image urls).

    Returns an empty text for image-only lines, bare URLs and lines left with only punctuation.
    """
    images = [url for url in IMAGE.findall(line) + HTML_IMAGE.findall(line) if url]
    if BARE_URL_LINE.match(line):
        return "", images
    text = HTML_IMAGE.sub("", IMAGE.sub("", line))

    def link_text(match: re.Match[str]) -> str:
        label = match.group(1).strip()
        return "" if label.lower() in NOISE_LINK_TEXT else label

    text = LINK.sub(link_text, text)
    text = re.sub(r"\(\s*\)", "", text).rstrip()
    if LEFTOVER.match(text):
        return "", images
    return text, images
