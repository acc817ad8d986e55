"""A table as data: the text twin of a picture (title, columns, rows, notes), which each front end renders its own
way (Discord as a monospace code block, `bot/discord/tables.py`; the terminal as a rich table,
`bot/console/_render.py`; a web page would write an HTML table)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Align(StrEnum):
    """Which side of its column a cell keeps to: text left, figures right."""

    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Column:
    """One column: its heading ("" for none), its alignment and, when fixed, its width in monospace columns (a
    longer left-aligned text is cut with "…"; a right-aligned figure is padded to it and never cut). Without a
    width a column is as wide as its widest cell."""

    header: str = ""
    align: Align = Align.LEFT
    width: int | None = None


@dataclass(frozen=True)
class Row:
    """One row's cells, one per column, as text; `marked` for the row of the member who asked."""

    cells: tuple[str, ...]
    marked: bool = False


@dataclass(frozen=True)
class Table:
    """A titled table. `empty` is said instead of rows when there are none; `notes` are lines under the table;
    `mark` is the sign shown before marked rows ("": the table marks no row and has no column for it)."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...] = ()
    empty: str = ""
    notes: tuple[str, ...] = ()
    mark: str = ""

    def __post_init__(self) -> None:
        if any(len(row.cells) != len(self.columns) for row in self.rows):
            raise ValueError(f"every row needs {len(self.columns)} cells")

    @property
    def headed(self) -> bool:
        """Whether the columns have headings to show."""
        return any(column.header for column in self.columns)
