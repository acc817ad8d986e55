"""`tutorbot console` (the terminal tutor) and `tutorbot start` (the bot with a token, else the console)."""

from __future__ import annotations

import argparse
import asyncio

from bot.cli._common import add_location_flags, embedder_for, fail, settings_from
from bot.cli._discord import run_bot
from bot.console import run_console
from bot.errors import TutorbotError
from bot.tutor import Tutor


def register(subparsers: argparse._SubParsersAction) -> None:
    start = subparsers.add_parser(
        "start",
        help="the Discord bot when DISCORD_TOKEN is set, else the terminal tutor (what `make run` does)",
        description="Start tutorbot the easy way: `tutorbot run` when a Discord token is set (environment or "
        ".env), else `tutorbot console`. The options are passed on to either.",
    )
    add_location_flags(start)
    start.set_defaults(func=run_start)
    console = subparsers.add_parser(
        "console",
        help="the terminal tutor: ask the notes, quiz yourself (no Discord needed)",
        description="The interactive terminal tutor. Type a question, or /help for the commands.",
    )
    add_location_flags(console)
    console.set_defaults(func=run_console_command)


async def _console(args: argparse.Namespace) -> None:
    settings = settings_from(args)
    print("Loading the notes…", flush=True)
    tutor = await Tutor.open(settings, embedder=embedder_for(settings.retrieval.model))
    try:
        await run_console(tutor, settings.paths.data_dir / "console_history")
    finally:
        await tutor.close()


def run_console_command(args: argparse.Namespace) -> int:
    try:
        asyncio.run(_console(args))
    except TutorbotError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        pass
    return 0


def run_start(args: argparse.Namespace) -> int:
    """`tutorbot run` with these options when a token is set, else the console."""
    if settings_from(args).discord.token:
        return run_bot(args)
    print("No DISCORD_TOKEN set (environment or .env): starting the terminal tutor. See docs/discord-setup.md.")
    return run_console_command(args)
