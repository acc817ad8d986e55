"""The `tutorbot` command: each sub-command group lives in its own private module with a `register`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

from bot.cli._common import INTERRUPTED
from bot.errors import TutorbotError
from bot.settings import BadSetting

# Each entry names `module:function`, a `register(subparsers)` adding parsers whose `func(args) -> int` runs the
# command. `tutorbot -h` lists the commands in this order: starting, setting up, using the notes, tools.
COMMAND_REGISTRARS = (
    "bot.cli._console:register",  # start, console
    "bot.cli._discord:register",  # run
    "bot.cli._doctor:register",  # doctor
    "bot.cli._web:register",  # web
    "bot.cli._index:register",  # build-index, search
    "bot.cli._notes:register",  # notes add|list|remove|default|download
    "bot.cli._ask:register",  # ask
    "bot.cli._check:register",  # check
    "bot.cli._quiz:register",  # quiz export
    "bot.cli._mock:register",  # mock export
    "bot.cli._eval:register",  # eval retrieval|check|answers
    "bot.cli._discord:register_tools",  # discord commands
)


def tutorbot_version() -> str:
    try:
        return version("tutorbot")
    except PackageNotFoundError:  # run from a source folder that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tutorbot",
        description="A study companion over your notes: a Discord bot, or a tutor in the terminal.",
        epilog="`tutorbot COMMAND -h` describes a command's options.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"tutorbot {tutorbot_version()}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    subparsers = parser.add_subparsers(dest="command", required=True, title="commands", metavar="COMMAND")
    for entry in COMMAND_REGISTRARS:
        module, _, function = entry.partition(":")
        getattr(import_module(module), function)(subparsers)
    return parser


def configure_logging(verbosity: int) -> None:
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)  # libraries that set their own loggers to DEBUG stay quiet by default
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; Ctrl-C or an error tutorbot can explain stops it with one line instead of a traceback."""
    try:
        args = build_parser().parse_args(argv)
        configure_logging(args.verbose)
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        sys.stderr.write("\ntutorbot: stopped (Ctrl-C).\n")
        return INTERRUPTED
    except (TutorbotError, BadSetting) as error:
        sys.stderr.write(f"tutorbot: {error}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
