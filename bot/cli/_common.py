"""Helpers shared by the CLI commands: settings from flags, the embedder and index, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.knowledge.embedder import Embedder
from bot.settings import Settings

INTERRUPTED = 130  # the shell's exit code for a command stopped by Ctrl-C


def add_location_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, help="notes folder (default: corpus/)")
    parser.add_argument("--index", type=Path, help="index folder (default: index/)")


def settings_from(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    changes: dict[str, Any] = {}
    if getattr(args, "corpus", None):
        changes["corpus_dir"] = args.corpus.resolve()
    if getattr(args, "index", None):
        changes["index_dir"] = args.index.resolve()
    return replace(settings, **changes)


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
