"""Helpers shared by the CLI commands: settings from flags, the embedder and index, JSON output."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from bot.clock import SystemClock
from bot.indexing import open_retriever, retriever_of
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.artifacts import load_build
from bot.knowledge.profile import NEUTRAL, activate, load_profile
from bot.knowledge.retriever import Retriever
from bot.settings import Settings
from bot.storage import Database, Repositories
from bot.uploads.builds import InlineBuilder
from bot.uploads.service import ServerNotes, ServerSource

T = TypeVar("T")

INTERRUPTED = 130  # the shell's exit code for a command stopped by Ctrl-C


def add_location_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, help="notes folder (default: corpus/)")
    parser.add_argument("--index", type=Path, help="index folder (default: index/)")


def settings_from(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    paths: dict[str, Any] = {}
    if getattr(args, "corpus", None):
        paths["corpus"] = args.corpus.resolve()
    if getattr(args, "index", None):
        paths["index"] = args.index.resolve()
    return settings.changed(paths=paths)


@lru_cache(maxsize=1)
def embedder_for(model: str | None) -> Embedder:
    return Embedder(model)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def read_lines(path: Path) -> list[str]:
    """Non-empty lines of a batch file ('-' reads standard input)."""
    text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def fail(message: str, code: int = 2) -> int:
    sys.stderr.write(f"tutorbot: {message}\n")
    return code


def add_question_flags(
    parser: argparse.ArgumentParser,
    question: str = "the question (or use --batch)",
    batch: str = "file with one question per line",
) -> None:
    """The question as an argument, or `--batch FILE` of them, and `--json` (JSON Lines with --batch)."""
    parser.add_argument("question", nargs="?", help=question)
    parser.add_argument("--json", action="store_true", help="print JSON (JSON Lines with --batch)")
    parser.add_argument("--batch", type=Path, help=batch)


def no_question() -> int:
    """The refusal of a command given neither a question nor --batch."""
    return fail("give a question or --batch FILE")


def add_guild_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--guild",
        type=int,
        metavar="ID",
        help="a server's own notes (see `tutorbot notes`); default: the default notes",
    )


async def with_server_notes(settings: Settings, work: Callable[[ServerNotes], Awaitable[T]]) -> T:
    """Run `work` with the server notes service over the settings' database (builds run in this process; the
    second stage of a staged build is waited for before returning, so the command leaves the build complete)."""
    db = await Database.open(settings.database_url)
    try:
        notes = ServerNotes(
            Repositories.over(db).notes, settings, InlineBuilder(embedder_for(settings.retrieval.model)), SystemClock()
        )
        try:
            return await work(notes)
        finally:
            await notes.settled()
    finally:
        await db.close()


def server_source(args: argparse.Namespace) -> ServerSource | None:
    """The build serving `--guild`'s own notes (built first when this machine has none), or None for the default
    notes (no --guild, or a server without notes of its own)."""
    if getattr(args, "guild", None) is None:
        return None
    return asyncio.run(with_server_notes(settings_from(args), lambda notes: notes.ensure_source(args.guild)))


def notes_retriever(args: argparse.Namespace) -> Retriever:
    """A retriever over `--guild`'s notes, else the default notes; raises NotesIndexError."""
    settings = settings_from(args)
    embedder = embedder_for(settings.retrieval.model)
    source = server_source(args)
    if source is None:
        return open_retriever(settings, embedder)
    activate(load_profile(settings.paths.corpus_dir) if source.include_default else NEUTRAL)
    return retriever_of(load_build(source.folder, embedder.model_id), embedder)
