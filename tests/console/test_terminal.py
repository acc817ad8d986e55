"""`tutorbot console` in a real pseudo-terminal: Ctrl-C, Ctrl-D, a pasted block, wrapping at the terminal's width."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from bot.settings import REPO_ROOT, Settings

pytestmark = pytest.mark.slow  # each console loads the embedding model (about 5 s)

COLUMNS = 60
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r")
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
CTRL_C, CTRL_D = "\x03", "\x04"
PROMPT = "you> "


def screen_text(raw: str) -> str:
    """What was printed, without the terminal's control sequences."""
    return ESCAPES.sub("", raw)


@pytest.fixture
def console(built: Settings, tmp_path: Path) -> Iterator[pexpect.spawn]:
    """The terminal tutor over the small notes, COLUMNS wide, with its own database; waits for its first prompt."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 't.db'}"}
    env.pop("DISCORD_TOKEN", None)
    env.pop("NO_COLOR", None)
    # No cursor-position requests: when the machine is slow to answer one, prompt_toolkit prints a 70-column
    # warning that has nothing to do with what these tests check (and breaks the width one).
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    args = ["-m", "bot.cli", "console", "--corpus", str(built.paths.corpus_dir), "--index", str(built.paths.index_dir)]
    child = pexpect.spawn(
        sys.executable, args, env=env, cwd=str(tmp_path), dimensions=(30, COLUMNS), encoding="utf-8", timeout=60
    )
    child.expect_exact(PROMPT)
    yield child
    child.close(force=True)


def ask(console: pexpect.spawn, text: str) -> str:
    """Type `text` and Enter; what the tutor printed up to its next prompt."""
    console.send(text + "\r")
    console.expect_exact("How closely the notes match your question")
    answer = screen_text(console.before)
    console.expect_exact(PROMPT)
    return answer


def test_a_pasted_block_is_one_question_and_answers_wrap_at_the_terminal_width(
    console: pexpect.spawn, built: Settings
) -> None:
    answer = ask(console, PASTE_START + "What is the default\nLambda timeout?" + PASTE_END)
    assert "3 seconds" in answer
    console.send("/topics\r")
    console.expect(r"• \S[^\n]* \(\d+ questions?\)")  # next comes the topic list: the paste was one question
    assert "How closely" not in screen_text(console.before)
    lines = [line for line in answer.split("\n") if line.strip()]
    assert max(len(line.rstrip()) for line in lines) <= COLUMNS
    notes_words = set((built.paths.corpus_dir / "lambda.md").read_text().split())
    citation = next(i for i, line in enumerate(lines) if line.startswith("▸"))
    shown_words = [word for line in lines[citation + 1 :] for word in line.split()]  # the passage, wrapped
    assert shown_words and all(word in notes_words for word in shown_words)  # wrapped between words, never inside


def test_ctrl_c_stops_a_quiz_round_at_once_and_a_second_ctrl_c_says_goodbye(console: pexpect.spawn) -> None:
    console.send("quiz\r")
    console.expect_exact("answer> ")
    console.send(CTRL_C)  # no Enter: it acts at once
    console.expect_exact("Round over: 0/0 right")
    console.expect_exact("Ctrl-C again or Ctrl-D to quit")
    console.expect_exact(PROMPT)
    console.send(CTRL_C)
    console.expect_exact("Goodbye")
    console.expect(pexpect.EOF)
    console.wait()
    assert console.exitstatus == 0


def test_ctrl_d_ends_the_line_then_says_goodbye(console: pexpect.spawn) -> None:
    console.send("help\r")
    console.expect_exact("Ctrl-C twice or Ctrl-D quits")  # help without a slash is the command
    console.expect_exact(PROMPT)
    console.send(CTRL_D)
    console.expect_exact("Goodbye")
    assert screen_text(console.before).endswith("\n")  # the goodbye is on a line of its own, not after the prompt
    console.expect(pexpect.EOF)
    console.wait()
    assert console.exitstatus == 0
