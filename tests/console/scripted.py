"""Driving a console session from a script of typed lines, reading back what a pipe would show."""

from __future__ import annotations

import io
from collections.abc import Iterator

from bot.console import ConsoleSession, Interrupted, plain_console
from bot.service.types import Who
from bot.tutor import Tutor

ME = Who(0, 1, "me")
CTRL_C = object()  # in a script: Ctrl-C at that prompt


async def talk(tutor: Tutor, *lines: str | object, width: int = 100) -> str:
    """Everything the session shows while it reads `lines` (CTRL_C for an interrupt), then the end of input."""
    typed: Iterator[str | object] = iter(lines)
    shown = io.StringIO()

    async def read_line(_: str) -> str | None:
        line = next(typed, None)
        if line is CTRL_C:
            raise Interrupted
        return line  # type: ignore[return-value]

    await ConsoleSession(tutor, ME, read_line, plain_console(shown, width).print).run()
    return shown.getvalue()
