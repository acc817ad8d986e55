"""`tutorbot ask`, run in-process over the small notes: the JSON contract and JSON Lines batches."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings
from tests.knowledge.conftest import Cli
from tests.knowledge.helpers import json_lines

ANSWER_KEYS = {"query", "answer", "abstained", "coverage", "missing", "confidence", "sources", "latency_ms"}
SOURCE_KEYS = {"source", "heading_path", "start_line", "end_line"}


def where(settings: Settings) -> list[str | Path]:
    return ["--corpus", settings.paths.corpus_dir, "--index", settings.paths.index_dir]


def test_ask_json_contract(cli: Cli, cli_settings: Settings):
    code, out, _ = cli("ask", "What pH do blueberries need?", "--json", *where(cli_settings))
    assert code == 0
    (result,) = json_lines(out)
    assert set(result) == ANSWER_KEYS
    assert (result["query"], result["abstained"], result["coverage"]) == ("What pH do blueberries need?", False, "full")
    assert "4.5 and 5.5" in result["answer"] and 0 < result["confidence"] <= 1 and result["latency_ms"] > 0
    (source,) = result["sources"]
    assert set(source) == SOURCE_KEYS
    assert source == {
        "source": (cli_settings.paths.corpus_dir / "soil.md").as_posix(),
        "heading_path": ["Soil", "Acidity"],
        "start_line": 7,
        "end_line": 8,
    }


def test_ask_batch_prints_json_lines_in_order(cli: Cli, cli_settings: Settings, tmp_path: Path):
    questions = ["Which planet has two moons?", "thanks!", "How do I fix a flat bicycle tyre?"]
    batch = tmp_path / "questions.txt"
    batch.write_text("\n".join(questions) + "\n", encoding="utf-8")
    code, out, _ = cli("ask", "--batch", batch, "--json", *where(cli_settings))
    assert code == 0
    results = json_lines(out)
    assert [r["query"] for r in results] == questions
    assert [r["abstained"] for r in results] == [False, True, True]
    assert [r["coverage"] for r in results] == ["full", "none", "none"]
    assert [len(r["sources"]) for r in results] == [1, 0, 0]
    assert all(set(r) == ANSWER_KEYS for r in results)


def test_ask_text_output_shows_the_question_and_cited_answer(cli: Cli, cli_settings: Settings):
    code, out, _ = cli("ask", "Which planet has two moons?", *where(cli_settings))
    assert code == 0
    # two note files, so the citation names the file
    assert "> Which planet has two moons?" in out and "**planets.md › Planets, line 3**" in out and "Phobos" in out


def test_ask_without_a_question_fails_politely(cli: Cli, cli_settings: Settings):
    code, out, err = cli("ask", *where(cli_settings))
    assert (code, out) == (2, "")
    assert "give a question or --batch FILE" in err
