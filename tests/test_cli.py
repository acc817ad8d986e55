"""The `tutorbot` command line itself: version, the commands' order and descriptions, start versus run."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from bot.settings import PathSettings


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("tutorbot 0.")


def subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_commands_are_listed_starting_first_each_described_with_every_option() -> None:
    parser = build_parser()
    choices = subcommands(parser)._choices_actions
    names = [c.dest for c in choices]
    assert names[:4] == ["start", "console", "run", "doctor"]
    assert all(c.help for c in choices)
    undescribed = [
        f"{name} {option.option_strings}"
        for name, sub in subcommands(parser).choices.items()
        for nested in [
            sub,
            *[p for a in sub._actions if isinstance(a, argparse._SubParsersAction) for p in a.choices.values()],
        ]
        for option in nested._actions
        if option.option_strings and not option.help
    ]
    assert undescribed == []


def test_run_without_a_token_points_to_the_console(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.setattr(
        "bot.cli._common.Settings.from_env", classmethod(lambda cls: cls(paths=PathSettings(root=tmp_path)))
    )
    assert main(["run"]) != 0
    assert "tutorbot console" in capsys.readouterr().err


def test_start_with_a_token_runs_the_bot_with_the_options_given(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    seen: list[argparse.Namespace] = []
    monkeypatch.setenv("DISCORD_TOKEN", "a-token")
    monkeypatch.setattr("bot.cli._console.run_bot", lambda args: seen.append(args) or 0)
    assert main(["-v", "start", "--corpus", str(tmp_path / "notes"), "--index", str(tmp_path / "ix")]) == 0
    (args,) = seen
    assert (args.verbose, args.corpus, args.index) == (1, tmp_path / "notes", tmp_path / "ix")


@pytest.mark.parametrize("command", [["eval", "retrieval"], ["eval", "answers"]])
def test_a_missing_or_malformed_evaluation_file_is_one_line_not_a_traceback(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.jsonl"
    assert main([*command, "--gold", str(missing)]) == 1
    message = f"tutorbot: Cannot read the evaluation file {missing}: No such file or directory.\n"
    assert capsys.readouterr().err == message
    malformed = tmp_path / "malformed.jsonl"
    malformed.write_text('{"question": "q"}\n\n{oops\n', encoding="utf-8")
    assert main([*command, "--gold", str(malformed)]) == 1
    assert capsys.readouterr().err.startswith(f"tutorbot: Line 3 of {malformed} is not JSON")
