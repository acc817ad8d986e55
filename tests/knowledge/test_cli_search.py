"""`tutorbot search` and `tutorbot build-index`, run in-process: the JSON contract, batches, topics, staleness."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from bot.indexing import DISK_FULL_BUILD
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.store import DEFAULT_CORPUS
from bot.knowledge.retriever import Retriever
from bot.settings import Settings
from tests.conftest import write_notes
from tests.knowledge.conftest import Cli
from tests.knowledge.helpers import json_lines

HIT_KEYS = {"rank", "score", "chunk_id", "source", "heading_path", "start_line", "end_line", "text"}


def locations(settings: Settings) -> list[str | Path]:
    return ["--corpus", settings.paths.corpus_dir, "--index", settings.paths.index_dir]


def test_search_json_contract_with_sources_relative_to_the_repository(
    cli: Cli, default_settings: Settings, default_retriever: Retriever
):
    code, out, _ = cli("search", "how long do SQS long polls wait", "--json", "-k", "3", *locations(default_settings))
    assert code == 0
    (result,) = json_lines(out)
    assert set(result) == {"query", "latency_ms", "hits"}
    assert result["query"] == "how long do SQS long polls wait" and result["latency_ms"] > 0
    assert [hit["rank"] for hit in result["hits"]] == [1, 2, 3]
    scores = [hit["score"] for hit in result["hits"]]
    assert scores == sorted(scores, reverse=True)
    for hit in result["hits"]:
        assert set(hit) == HIT_KEYS
        assert hit["source"] == "corpus/aws-developer-associate.md"
        assert 1 <= hit["start_line"] <= hit["end_line"] and 0 < len(hit["text"]) <= 1500
        assert isinstance(hit["heading_path"], list)
    assert result["hits"][0]["heading_path"][-1] == "SQS -- Long Polling"


def test_search_outside_the_repository_gives_the_path_as_given(cli: Cli, cli_settings: Settings):
    code, out, _ = cli("search", "Which planet has two moons?", "--json", "-k", "1", *locations(cli_settings))
    assert code == 0
    (hit,) = json_lines(out)[0]["hits"]
    assert hit["source"] == (cli_settings.paths.corpus_dir / "planets.md").as_posix()
    assert (hit["start_line"], hit["end_line"]) == (3, 3)
    assert hit["text"].startswith("Mars is the fourth planet")


def test_search_batch_prints_json_lines_in_order(cli: Cli, cli_settings: Settings, tmp_path: Path):
    questions = ["What pH do blueberries need?", "Which planet is the largest?", "How do I loosen clay soil?"]
    batch = tmp_path / "questions.txt"
    batch.write_text("\n".join(questions[:2]) + "\n\n" + questions[2] + "\n", encoding="utf-8")
    code, out, _ = cli("search", "--batch", batch, "--json", "-k", "2", *locations(cli_settings))
    assert code == 0
    results = json_lines(out)
    assert [r["query"] for r in results] == questions
    assert [r["hits"][0]["heading_path"] for r in results] == [["Soil", "Acidity"], ["Planets", "Gas giants"], ["Soil"]]


def test_search_topic_restricts_hits_to_that_topic(cli: Cli, cli_settings: Settings):
    code, out, _ = cli("search", "Which planet has two moons?", "--json", "--topic", "Soil", *locations(cli_settings))
    assert code == 0
    hits = json_lines(out)[0]["hits"]
    assert hits and {hit["heading_path"][0] for hit in hits} == {"Soil"}


def test_search_text_output_names_sources_and_lines(cli: Cli, cli_settings: Settings):
    code, out, _ = cli("search", "What pH do blueberries need?", "-k", "1", *locations(cli_settings))
    assert code == 0
    assert "1. [" in out and f"Soil > Acidity ({cli_settings.paths.corpus_dir}/soil.md:7-8)" in out


def test_search_without_a_question_fails_politely(cli: Cli, cli_settings: Settings):
    code, out, err = cli("search", *locations(cli_settings))
    assert (code, out) == (2, "")
    assert "give a question or --batch FILE" in err


def test_build_index_if_stale_builds_once_then_says_up_to_date(cli: Cli, tmp_path: Path):
    notes = write_notes(tmp_path / "notes", {"rivers.md": "# Rivers\n\nThe Nile is long.\n\n## Deltas\n\nSilt."})
    where = ["--corpus", notes, "--index", tmp_path / "index"]
    code, _, err = cli("build-index", "--if-stale", *where)
    assert code == 0
    assert "Building the notes index from" in err and "Indexed 2 passages (2 embedded, 0 reused)" in err
    code, _, err = cli("build-index", "--if-stale", *where)
    assert (code, err.strip()) == (0, "The notes index is up to date.")
    write_notes(notes, {"lakes.md": "# Lakes\n\nBaikal is deep."})
    code, _, err = cli("build-index", "--if-stale", *where)
    assert "notes changed" in err and "Indexed 3 passages (1 embedded, 2 reused)" in err


@pytest.mark.parametrize(
    ("fault", "code", "line"),
    [
        (KeyboardInterrupt(), 130, "stopped (Ctrl-C); the previous notes index is unchanged."),
        (OSError(errno.ENOSPC, "No space left on device"), 2, DISK_FULL_BUILD),
    ],
)
def test_a_build_index_stopped_by_ctrl_c_or_a_full_disk_says_one_line_and_keeps_the_previous_index(
    cli: Cli,
    embedder: Embedder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fault: BaseException,
    code: int,
    line: str,
):
    notes = write_notes(tmp_path / "notes", {"rivers.md": "# Rivers\n\nThe Nile is long."})
    where = ["--corpus", notes, "--index", tmp_path / "index"]
    assert cli("build-index", *where)[0] == 0
    link = tmp_path / "index" / DEFAULT_CORPUS
    before = link.resolve()
    write_notes(notes, {"lakes.md": "# Lakes\n\nBaikal is deep."})

    def failing(*_args: object, **_kwargs: object) -> None:
        raise fault

    if isinstance(fault, KeyboardInterrupt):
        monkeypatch.setattr(embedder, "encode", failing)  # the session's model, which the command is given
    else:
        monkeypatch.setattr("bot.knowledge.index.builder.write_index_files", failing)
    status, out, err = cli("build-index", *where)
    assert status == code and out == ""
    assert err.strip().splitlines() == [f"tutorbot: {line}"]
    assert link.resolve() == before and (before / "manifest.json").is_file()
    assert not [p for p in (tmp_path / "index" / "builds").iterdir() if p.name.startswith(".tmp")]
