"""Driving a console session from a script of typed lines, reading back what a pipe would show."""

from __future__ import annotations

import io
from collections.abc import Iterator

from bot.console import ConsoleSession, Interrupted, ReadLine, plain_console
from bot.service.types import Who
from bot.tutor import Tutor

ME = Who(0, 1, "me")
ME_AS_MANAGER = Who(0, 1, "me", is_manager=True)  # as the terminal tutor runs: its user manages it
CTRL_C = object()  # in a script: Ctrl-C at that prompt


def scripted(*lines: str | object) -> ReadLine:
    """Reads `lines` in turn (CTRL_C raises Interrupted), then the end of input."""
    typed: Iterator[str | object] = iter(lines)

    async def read_line(_: str) -> str | None:
        line = next(typed, None)
        if line is CTRL_C:
            raise Interrupted
        return line  # type: ignore[return-value]

    return read_line


def session_for(
    tutor: Tutor, *lines: str | object, width: int = 100, who: Who = ME
) -> tuple[ConsoleSession, io.StringIO]:
    """A session of `who` reading `lines`, and what it shows (plain text, `width` columns)."""
    shown = io.StringIO()
    return ConsoleSession(tutor, who, scripted(*lines), plain_console(shown, width).print), shown


async def talk(tutor: Tutor, *lines: str | object, width: int = 100, who: Who = ME) -> str:
    """Everything the session shows while it reads `lines`, then the end of input."""
    session, shown = session_for(tutor, *lines, width=width, who=who)
    await session.run()
    return shown.getvalue()
