"""Answers quoting a line the notes' errata mark out of date show the current fact beside it (#16), in the markdown
Discord and `tutorbot ask` show and in --json; answers quoting nothing out of date are unchanged."""

from __future__ import annotations

from pathlib import Path

from bot.indexing import build_index
from bot.knowledge.embedder import Embedder
from bot.settings import PathSettings, Settings
from tests.conftest import write_notes
from tests.knowledge.conftest import PLANETS, SOIL, Cli
from tests.knowledge.helpers import json_lines

ERRATA = """\
[[outdated]]
match = "a pH between 4.5 and 5.5"
current = "Growers now aim for a pH between 4.8 and 5.2."
source = "Berry Growers' Guide, 2030"
"""


def test_an_answer_quoting_an_out_of_date_line_shows_the_current_fact(
    tmp_path: Path, embedder: Embedder, cli: Cli
) -> None:
    notes = write_notes(tmp_path / "notes", {"planets.md": PLANETS, "soil.md": SOIL})
    (notes / "errata.toml").write_text(ERRATA, encoding="utf-8")
    build_index(Settings(paths=PathSettings(corpus=notes, index=tmp_path / "index")), embedder)
    where = ["--corpus", notes, "--index", tmp_path / "index"]

    code, out, _ = cli("ask", "What pH do blueberries need?", "--json", *where)
    (result,) = json_lines(out)
    assert code == 0 and "4.5 and 5.5" in result["answer"]
    assert result["out_of_date"] == [
        {
            "match": "a pH between 4.5 and 5.5",
            "current": "Growers now aim for a pH between 4.8 and 5.2.",
            "source": "Berry Growers' Guide, 2030",
        }
    ]
    assert (
        '> **Out of date:** "a pH between 4.5 and 5.5": Growers now aim for a pH between 4.8 and 5.2. '
        "(Berry Growers' Guide, 2030)"
    ) in result["answer"]

    code, out, _ = cli("ask", "Which planet has the most visible rings?", "--json", *where)
    (result,) = json_lines(out)
    assert code == 0 and "Saturn" in result["answer"]
    assert "out_of_date" not in result and "Out of date" not in result["answer"]
