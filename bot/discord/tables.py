"""Tables (`bot.pictures.table.Table`, the text twins of the pictures) as Discord shows them: a monospace code
block, every column padded to its width by the characters' display widths, within a message's 2,000 characters."""

from __future__ import annotations

import unicodedata

from bot.pictures.fonts import ELLIPSIS, clean_text
from bot.pictures.table import Align, Column, Row, Table

TITLE_COLUMNS = 60
_FENCE = "```"
_GAP = "  "  # between two columns


def char_columns(char: str) -> int:
    """Monospace columns a character takes: 2 for wide (CJK, most emoji), 0 for marks and joiners."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Monospace columns `text` takes."""
    return sum(char_columns(char) for char in text)


def fit_columns(text: str, columns: int) -> str:
    """`text` cleaned (no control characters, no backticks to end the block), cut with an ellipsis if wider than
    `columns`, then padded to exactly `columns`."""
    text = clean_text(text).replace("`", "'")
    if display_width(text) > columns:
        kept, used = [], 0
        for char in text:
            if used + char_columns(char) > columns - 1:
                break
            kept.append(char)
            used += char_columns(char)
        text = "".join(kept).rstrip() + ELLIPSIS
    return text + " " * (columns - display_width(text))


def code_block(table: Table) -> str:
    """`table` in a Discord code block (no syntax colouring): its title, a blank line, the headings when it has
    any, the rows (or what it says when empty), then its notes after a blank line; trailing spaces trimmed."""
    widths = [_width(column, index, table) for index, column in enumerate(table.columns)]
    margin = " " * (display_width(table.mark) + 1) if table.mark else ""
    lines = [fit_columns(table.title, TITLE_COLUMNS), ""]
    if table.headed:
        lines.append(margin + _line(tuple(c.header for c in table.columns), table.columns, widths))
    for row in table.rows:
        lines.append(_marked(row, table.mark, margin) + _line(row.cells, table.columns, widths))
    if not table.rows and table.empty:
        lines.append(margin + table.empty)
    if table.notes:
        lines += ["", *table.notes]
    body = "\n".join(line.rstrip() for line in lines)
    return f"{_FENCE}text\n{body}\n{_FENCE}"


def _width(column: Column, index: int, table: Table) -> int:
    if column.width is not None:
        return column.width
    cells = [row.cells[index] for row in table.rows]
    return max([display_width(cell) for cell in [*cells, column.header if table.headed else ""]])


def _marked(row: Row, mark: str, margin: str) -> str:
    return f"{mark} " if mark and row.marked else margin


def _line(cells: tuple[str, ...], columns: tuple[Column, ...], widths: list[int]) -> str:
    shown = []
    for cell, column, width in zip(cells, columns, widths, strict=True):
        if column.align is Align.RIGHT:
            shown.append(" " * (width - display_width(cell)) + cell)
        elif column.width is not None:
            shown.append(fit_columns(cell, width))
        else:
            shown.append(cell + " " * (width - display_width(cell)))
    return _GAP.join(shown)
