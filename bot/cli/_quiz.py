"""`tutorbot quiz export` (the recall prompts generated beside the notes index) and `tutorbot quiz grade`."""

from __future__ import annotations

import argparse
import sys

from bot.cli._common import add_location_flags, embedder_for, fail, print_json, settings_from
from bot.cli._grade import register_grade
from bot.errors import NotesIndexError
from bot.indexing import ensure_index, index_store
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
    add_location_flags(export)
    export.set_defaults(func=run_export)
    register_grade(actions)


def run_export(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    path = index_store(settings).link / PROMPTS_FILE
    try:
        if not path.is_file():
            print("No quiz prompts yet: building the notes index first.", file=sys.stderr)
            ensure_index(settings, embedder_for(settings.model), announce=lambda text: print(text, file=sys.stderr))
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
