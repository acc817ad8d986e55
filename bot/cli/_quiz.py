"""`tutorbot quiz export`: the recall prompts generated beside the notes index."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli._common import fail, print_json, settings_from
from bot.errors import NotesIndexError
from bot.quiz.prompt import PROMPTS_FILE, load_prompts

EXPORTED_FIELDS = (
    "id", "kind", "question", "answer", "accepted", "choices", "source", "heading_path", "start_line", "end_line",
    "topic",
)  # fmt: skip


def register(subparsers: argparse._SubParsersAction) -> None:
    quiz = subparsers.add_parser("quiz", help="recall prompts generated from the notes")
    actions = quiz.add_subparsers(dest="quiz_command", required=True)
    export = actions.add_parser("export", help="print every prompt")
    export.add_argument("--json", action="store_true", help="one JSON object per line")
    export.add_argument("--index", type=Path, help="index folder (default: index/)")
    export.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    path = settings_from(args).index_dir / PROMPTS_FILE
    if not path.is_file():
        return fail(f"no prompts at {path}; run `tutorbot build-index` first")
    try:
        prompts = load_prompts(path)
    except NotesIndexError as error:
        return fail(str(error))
    for prompt in prompts:
        if args.json:
            data = prompt.as_dict()
            print_json({field: data[field] for field in EXPORTED_FIELDS})
        else:
            print(f"[{prompt.kind}] {prompt.question}\n    -> {prompt.answer}  ({prompt.source}:{prompt.start_line})")
    return 0
