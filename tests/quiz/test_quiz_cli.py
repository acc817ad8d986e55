from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge.embedder import Embedder
from bot.quiz.prompt import Prompt, save_prompts
from tests.conftest import write_notes

LAMBDA_NOTES = """# AWS Lambda

## Limits

- Lambda maximum execution time is **15 minutes**
- Memory ranges from `128` MB to `10` GB
- The **/tmp** folder holds up to `10` GB of scratch space

## Invocation

**Asynchronous invocations** place events in an **Event Queue** inside the Lambda service.
A **Dead Letter Queue (DLQ)** keeps events that failed every retry.
"""


def test_export_prints_one_json_line_per_prompt(
    tmp_path: Path, small_prompts: list[Prompt], capsys: pytest.CaptureFixture[str]
) -> None:
    save_prompts(tmp_path / "default" / "prompts.jsonl", small_prompts)
    assert main(["quiz", "export", "--json", "--index", str(tmp_path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == len(small_prompts)
    assert set(rows[0]) == {
        "id", "kind", "question", "answer", "accepted", "choices", "source", "heading_path", "start_line",
        "end_line", "topic",
    }  # fmt: skip
    assert rows[0]["id"] == small_prompts[0].id
    assert any(isinstance(r["choices"], list) for r in rows) and any(r["choices"] is None for r in rows)


def test_export_without_an_index_builds_it_first(
    tmp_path: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = write_notes(tmp_path / "notes", {"lambda.md": LAMBDA_NOTES})
    monkeypatch.setattr("bot.cli._quiz.embedder_for", lambda _model: embedder)
    assert main(["quiz", "export", "--json", "--corpus", str(corpus), "--index", str(tmp_path / "index")]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert "building the notes index" in err
    assert rows and all(r["source"].endswith("lambda.md") for r in rows)
