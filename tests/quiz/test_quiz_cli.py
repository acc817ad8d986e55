from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge.embedder import Embedder
from bot.quiz.item import QuizItem, save_prompts
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
    tmp_path: Path, small_prompts: list[QuizItem], capsys: pytest.CaptureFixture[str]
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


def test_grade_batch_marks_each_line_with_the_notes_acronyms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = write_notes(tmp_path / "notes", {"lambda.md": LAMBDA_NOTES})
    probes = [
        {"kind": "numeric", "answer": "15 minutes", "accepted": [], "response": "900 seconds"},
        {"kind": "numeric", "answer": "10 GB", "accepted": [], "response": "10 Gb"},
        {"kind": "definition", "answer": "DLQ", "accepted": [], "response": "dead letter queues"},
        {"kind": "cloze", "answer": "Event Queue", "accepted": [], "response": "Event Queue or DLQ"},
    ]
    batch = tmp_path / "probes.jsonl"
    batch.write_text("\n".join(json.dumps(p) for p in probes) + "\nnot json\n", encoding="utf-8")
    assert main(["quiz", "grade", "--json", "--batch", str(batch), "--corpus", str(corpus)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["correct"] for r in rows] == [True, False, True, False, False]
    assert all(isinstance(r["note"], str) for r in rows)
    assert "list of guesses" in rows[3]["note"] and "error" in rows[4]


def test_eval_quiz_prints_both_graders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    probes = [
        {"kind": "numeric", "answer": "15 minutes", "accepted": [], "response": "15 minuts", "correct": True},
        {"kind": "numeric", "answer": "2 MB/s", "accepted": [], "response": "2 Mbps", "correct": False},
    ]
    gold.write_text("\n".join(json.dumps(p) for p in probes), encoding="utf-8")
    corpus = write_notes(tmp_path / "notes", {"lambda.md": LAMBDA_NOTES})
    assert main(["eval", "quiz", "--gold", str(gold), "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "old grader" in out and "tutorbot" in out
    ours = next(line for line in out.splitlines() if "tutorbot:" in line)
    assert ours.split()[-3:] == ["1.000", "0", "0"]


def test_sample_is_stratified_by_kind_and_repeatable(
    tmp_path: Path, small_prompts: list[QuizItem], capsys: pytest.CaptureFixture[str]
) -> None:
    save_prompts(tmp_path / "default" / "prompts.jsonl", small_prompts)
    args = ["quiz", "sample", "--size", "6", "--seed", "2026-11-30", "--index", str(tmp_path)]
    assert main(args) == 0
    first = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(args) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == first
    assert len(first) == 6 and {"kind", "question", "choices", "answer", "cited_lines"} <= set(first[0])
    assert {r["kind"] for r in first} == {p.kind for p in small_prompts}  # six kinds, one of each
