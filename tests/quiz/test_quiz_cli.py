from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.quiz.prompt import Prompt, save_prompts


def test_export_prints_one_json_line_per_prompt(
    tmp_path: Path, small_prompts: list[Prompt], capsys: pytest.CaptureFixture[str]
) -> None:
    save_prompts(tmp_path / "prompts.jsonl", small_prompts)
    assert main(["quiz", "export", "--json", "--index", str(tmp_path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == len(small_prompts)
    assert set(rows[0]) == {
        "id", "kind", "question", "answer", "accepted", "choices", "source", "heading_path", "start_line",
        "end_line", "topic",
    }  # fmt: skip
    assert rows[0]["id"] == small_prompts[0].id
    assert any(isinstance(r["choices"], list) for r in rows) and any(r["choices"] is None for r in rows)


def test_export_without_prompts_says_to_build_the_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quiz", "export", "--json", "--index", str(tmp_path)]) == 2
    assert "tutorbot build-index" in capsys.readouterr().err
