"""`tutorbot discord commands --json` prints the exact command payload; `tutorbot run` needs a token."""

from __future__ import annotations

import json

import pytest

from bot.cli import main

pytestmark = pytest.mark.e2e


def test_commands_json_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discord", "commands", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    names = {command["name"] for command in payload}
    assert names == {
        "ask",
        "check",
        "quiz",
        "review",
        "reports",
        "streak",
        "stats",
        "leaderboard",
        "timezone",
        "group",
        "config",
        "rewards",
        "exam",
        "mock",
        "drill",
        "notes",
        "help",
    }
    group = next(c for c in payload if c["name"] == "group")
    assert {o["name"] for o in group["options"]} == {"create", "join", "leave", "delete", "list", "info"}


def test_run_without_token_fails_clearly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "")
    monkeypatch.setattr("bot.settings.DOTENV_FILE", "no-such.env")  # a developer's own .env is not read
    assert main(["run"]) == 2
    assert "No Discord token" in capsys.readouterr().err
