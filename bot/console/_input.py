"""Reading the terminal tutor's input: a line editor on a terminal (prompt_toolkit), plain lines from a pipe.

Both follow one contract (`ReadLine`): the line typed, None at the end of input (Ctrl-D), or `Interrupted` raised
at once on Ctrl-C. On a terminal a pasted block of several lines arrives as one line holding newlines
(bracketed paste), and the history is kept in a file.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import IO, Any

from prompt_toolkit import PromptSession
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.history import FileHistory

ReadLine = Callable[[str], Coroutine[Any, Any, str | None]]


class Interrupted(Exception):
    """Ctrl-C while reading, or while a command ran: stop what is going on (raised instead of KeyboardInterrupt,
    which must never cross an asyncio task)."""


def terminal_reader(history: Path) -> ReadLine:
    """Line editing, history in `history`, bracketed paste; Ctrl-C raises Interrupted, Ctrl-D returns None."""
    history.parent.mkdir(parents=True, exist_ok=True)
    session: PromptSession[str] = PromptSession(history=FileHistory(str(history)))

    async def read_line(prompt: str) -> str | None:
        try:
            # handle_sigint=False: the key itself is read in raw mode; the tutor's own SIGINT handler stays put.
            return await session.prompt_async(FormattedText([("ansicyan", prompt)]), handle_sigint=False)
        except KeyboardInterrupt:
            raise Interrupted from None
        except EOFError:
            sys.stdout.write("\n")  # Ctrl-D leaves the cursor after the prompt
            return None

    return read_line


def stream_reader(stream: IO[str]) -> ReadLine:
    """Lines from a pipe or file (read off the event loop); None at its end. Prompts are not shown."""

    async def read_line(_prompt: str) -> str | None:
        text = await asyncio.to_thread(stream.readline)
        return text.rstrip("\r\n") if text else None

    return read_line
