"""The Discord token never shows in settings or logs; a terminated process leaves an intact SQLite database."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import REPO_ROOT, Settings

TOKEN = "MTIzNDU2Nzg5.secret-token-value.abcdefghijklmnop"


def test_token_is_read_but_never_in_repr(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    settings = Settings.from_env(root=tmp_path)
    assert settings.discord.token == TOKEN
    assert TOKEN not in repr(settings) and TOKEN not in str(settings)


def test_token_from_dotenv_does_not_override_the_environment_and_is_not_logged(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}-from-file\nTUTORBOT_MODEL=\n", encoding="utf-8")
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    with caplog.at_level(logging.DEBUG):
        settings = Settings.from_env(root=tmp_path)
        logging.getLogger("tutorbot.test").info("settings: %s %r", settings, settings)
    assert settings.discord.token == TOKEN
    assert TOKEN not in caplog.text


@pytest.fixture
def unreachable_discord(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`tutorbot run` with a token, its files in tmp_path, and Discord's API pointed at a closed local port."""
    import discord.http

    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("TUTORBOT_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'tutorbot.db'}")
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:9/api/v10")


def test_a_failing_tutorbot_run_never_logs_the_token(
    unreachable_discord: None, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    with caplog.at_level(logging.DEBUG):
        code = main(["-vv", "run"])
    out, err = capsys.readouterr()
    shown = caplog.text + out + err
    assert code != 0
    assert "127.0.0.1:9" in shown
    assert TOKEN not in shown


def test_tutorbot_run_with_discord_unreachable_exits_with_a_message(
    unreachable_discord: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run"]) != 0
    assert "Discord" in capsys.readouterr().err


WRITER = """
import asyncio, sys
from datetime import UTC, datetime
from bot.storage import Database, Repositories
from bot.storage.answers import AnswerEntry

async def main(url):
    repos = Repositories.over(await Database.open(url))
    n = 0
    while True:
        now = datetime.now(UTC)
        await repos.answers.record(AnswerEntry(1, 7, f"p{n}", "quiz", True, 1, now, f"k{n}", f"r{n}"))
        n += 1
        if n == 20:
            print("writing", flush=True)

asyncio.run(main(sys.argv[1]))
"""


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_stopping_a_writer_mid_flight_leaves_an_intact_database(tmp_path: Path, stop: signal.Signals) -> None:
    path = tmp_path / "tutorbot.db"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    args = [sys.executable, "-c", WRITER, f"sqlite+aiosqlite:///{path}"]
    with subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env, cwd=REPO_ROOT) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "writing"
        writer.send_signal(stop)
        assert writer.wait(timeout=10) in (0, -stop)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT count(*), count(DISTINCT prompt_id) FROM answers").fetchone()
    assert rows[0] >= 20 and rows[0] == rows[1]


def answers_stored(path: Path) -> int:
    try:
        with sqlite3.connect(path, timeout=1) as db:
            return db.execute("SELECT count(*) FROM answers").fetchone()[0]
    except sqlite3.Error:  # not created or not migrated yet
        return 0


@pytest.mark.slow  # the console subprocess loads the embedding model (about 5 s)
def test_sigterm_to_the_console_mid_session_leaves_an_intact_database(built: Settings, tmp_path: Path) -> None:
    path = tmp_path / "console.db"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "DATABASE_URL": f"sqlite+aiosqlite:///{path}"}
    env.pop("DISCORD_TOKEN", None)
    args = [
        sys.executable,
        "-m",
        "bot.cli",
        "console",
        "--corpus",
        str(built.paths.corpus_dir),
        "--index",
        str(built.paths.index_dir),
    ]
    script = "/quiz\n" + "true\n" * 5 + "What is the default Lambda timeout?\n" * 20  # "true" marks any kind
    with subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path
    ) as console:
        assert console.stdin is not None
        console.stdin.write(script)
        console.stdin.flush()
        deadline = time.monotonic() + 60
        while answers_stored(path) == 0 and console.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        console.send_signal(signal.SIGTERM)
        assert console.wait(timeout=20) in (0, -signal.SIGTERM)
    assert answers_stored(path) >= 1
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
