"""The neutral table the pictures' text twins are: checked for shape, rendered by each front end."""

from __future__ import annotations

import pytest

from bot.discord.tables import code_block
from bot.pictures.table import Align, Column, Row, Table


def test_a_row_must_have_a_cell_per_column() -> None:
    with pytest.raises(ValueError, match="2 cells"):
        Table("t", (Column(), Column()), (Row(("only one",)),))


def test_discord_pads_columns_by_display_width_and_marks_rows_in_their_own_margin() -> None:
    table = Table(
        "Scores",
        (Column("Name", width=6), Column("Points", Align.RIGHT)),
        (Row(("李小龙", "5")), Row(("Bo", "1,200"), marked=True)),
        notes=("* marks you",),
        mark="*",
    )
    assert code_block(table) == (
        "```text\nScores\n\n  Name    Points\n  李小龙       5\n* Bo       1,200\n\n* marks you\n```"
    )
