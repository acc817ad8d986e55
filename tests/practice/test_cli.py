"""`tutorbot check` and `tutorbot eval check` run in-process over the session's default index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bot.cli._check as check_cli
from bot.cli import main
from bot.knowledge.embedder import Embedder
from bot.knowledge.retriever import Retriever
from bot.settings import Settings

CONTRACT_KEYS = {"ranking", "scores", "abstained", "confidence", "evidence", "latency_ms"}
SPAN_KEYS = {"source", "heading_path", "start_line", "end_line"}
LAMBDA = {
    "question": "Which AWS service runs code without provisioning servers?",
    "options": ["AWS Lambda", "Amazon EBS"],
}
PAIR = {
    "question": "Which of these are serverless services in AWS?",
    "options": ["AWS Lambda", "Amazon DynamoDB", "Amazon EC2 instances"],
    "select": 2,
}


@pytest.fixture
def location(
    monkeypatch: pytest.MonkeyPatch, embedder: Embedder, default_retriever: Retriever, default_settings: Settings
) -> list[str]:
    """Flags pointing the CLI at the session index, served by the session's model and retriever."""
    monkeypatch.setattr(check_cli, "embedder_for", lambda model: embedder)
    monkeypatch.setattr(check_cli, "open_retriever", lambda settings, model: default_retriever)
    monkeypatch.setattr("bot.cli._common.open_retriever", lambda settings, model: default_retriever)
    return ["--corpus", str(default_settings.paths.corpus_dir), "--index", str(default_settings.paths.index_dir)]


def test_batch_json_contract(location: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    batch = tmp_path / "questions.jsonl"
    batch.write_text("\n".join([json.dumps(LAMBDA), json.dumps(PAIR), "not json"]) + "\n", encoding="utf-8")
    assert main(["check", "--json", "--batch", str(batch), *location]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 3
    for item, out in zip((LAMBDA, PAIR), lines, strict=False):
        assert set(out) == CONTRACT_KEYS
        assert sorted(out["ranking"]) == list(range(len(item["options"])))
        assert len(out["scores"]) == len(out["evidence"]) == len(item["options"])
        assert isinstance(out["abstained"], bool) and 0 <= out["confidence"] <= 1 and out["latency_ms"] > 0
        assert all(set(span) == SPAN_KEYS for spans in out["evidence"] for span in spans)
    assert lines[0]["ranking"][0] == 0
    assert set(lines[1]["ranking"][:2]) == {0, 1}
    assert "error" in lines[2]


def test_pasted_question_prints_options_evidence_and_verdict(
    location: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    pasted = "Which AWS service runs code without provisioning servers?\nA. Amazon EBS\nB. AWS Lambda"
    assert main(["check", pasted, *location]) == 0
    out = capsys.readouterr().out
    assert "B. AWS Lambda" in out and "corpus/" in out
    assert "The notes support B" in out or "don't settle" in out


def test_unparseable_paste_fails_politely(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "just some words"]) == 2
    assert "at least two options" in capsys.readouterr().err


def test_eval_check_prints_figures_beside_baselines(
    location: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "practice.jsonl"
    gold.write_text(json.dumps({**LAMBDA, "correct": [0]}) + "\n", encoding="utf-8")
    assert main(["eval", "check", "--gold", str(gold), *location]) == 0
    out = capsys.readouterr().out
    for label in ("chance", "dense baseline", "every question", "not abstained", "abstention rate", "p50 latency"):
        assert label in out
    assert "0.500" in out  # chance of one pick among two options
