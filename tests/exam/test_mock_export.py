"""`tutorbot mock export --json` over the default notes: the shape checks rely on, spread by the exam's weights."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from bot.knowledge.corpus import load_corpus
from bot.knowledge.embedder import Embedder
from bot.knowledge.profile import CorpusProfile
from bot.knowledge.retriever import Retriever
from bot.quiz.item import PROMPTS_FILE, load_prompts
from bot.quiz.normalise import normalise
from bot.settings import Settings
from tests.quiz.checks import answer_in_cited_lines

FIELDS = {"id", "domain", "kind", "question", "choices", "answer", "source", "start_line", "end_line"}


@pytest.fixture
def run(
    default_settings: Settings,
    default_retriever: Retriever,
    embedder: Embedder,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    monkeypatch.setattr("bot.cli._mock.embedder_for", lambda _model: embedder)

    def run(*flags: str) -> tuple[int, str, str]:
        location = [
            "--corpus",
            str(default_settings.paths.corpus_dir),
            "--index",
            str(default_settings.paths.index_dir),
        ]
        code = main(["mock", "export", *flags, *location])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_the_default_mock_has_65_questions_spread_by_the_blueprint_and_grounded_in_the_notes(
    run, default_settings: Settings, default_retriever: Retriever, default_profile: CorpusProfile
) -> None:
    code, out, _ = run("--json", "--seed", "exam-day")
    assert code == 0
    mock = json.loads(out)
    assert set(mock) == {"questions", "minutes", "domains"} and mock["minutes"] == 130
    weights = {d.name: d.weight for d in default_profile.exam.domains}
    assert mock["domains"] == weights
    questions = mock["questions"]
    assert len(questions) == 65 and all(set(q) == FIELDS for q in questions)
    for name, weight in weights.items():
        count = sum(q["domain"] == name for q in questions)
        assert abs(count - 65 * weight / 100) < 1, (name, count)
    assert len({q["id"] for q in questions}) == 65
    assert len({normalise(q["question"]) for q in questions}) == 65
    assert len({(q["source"], q["start_line"], q["end_line"]) for q in questions}) == 65
    bank = {p.id: p for p in load_prompts(default_retriever.index.path / PROMPTS_FILE)}
    lines = {d.source: d.lines for d in load_corpus(default_settings.paths.corpus_dir, default_settings.paths.root)}
    for question in questions:
        item = bank[question["id"]]
        assert question["kind"] in {"multiple_choice", "comparison", "true_false"}
        assert question["answer"] == item.answer and question["answer"] in question["choices"]
        assert (question["start_line"], question["end_line"]) == (item.start_line, item.end_line)
        assert answer_in_cited_lines(item, lines), question


def test_a_seed_gives_one_mock_and_fewer_questions_take_the_exam_pace(run) -> None:
    first, again = (json.loads(run("--json", "--questions", "20", "--seed", "7")[1]) for _ in range(2))
    assert first == again and len(first["questions"]) == 20 and first["minutes"] == 40
    other = json.loads(run("--json", "--questions", "20", "--seed", "8")[1])
    assert [q["id"] for q in other["questions"]] != [q["id"] for q in first["questions"]]


def test_without_json_the_mock_is_printed_for_reading(run) -> None:
    code, out, _ = run("--questions", "4", "--seed", "1")
    assert code == 0 and out.startswith("Mock exam: 4 questions, 8 minutes")
    assert out.count("\n1. [") == 1 and "   A) " in out


@pytest.mark.parametrize("flags", [["--questions", "0"], ["--questions", "many"], ["--minutes", "-5"]])
def test_a_bad_count_is_refused_by_the_command_line(run, flags: list[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run("--json", *flags)
    assert stopped.value.code == 2
