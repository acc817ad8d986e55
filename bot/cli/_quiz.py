"""`tutorbot quiz export` (the prompts beside the notes index), `quiz sample` (to judge by hand), `quiz grade`."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from bot.cli._common import (
    add_guild_flag,
    add_location_flags,
    embedder_for,
    fail,
    print_json,
    server_source,
    settings_from,
)
from bot.cli._grade import register_grade
from bot.errors import NotesIndexError
from bot.indexing import ensure_index, index_store
from bot.knowledge.corpus import load_corpus
from bot.quiz.item import PROMPTS_FILE, QuizItem, load_prompts
from bot.quiz.sampling import stratified_sample

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
    add_guild_flag(export)
    export.set_defaults(func=run_export)
    register_grade(actions)
    sample = actions.add_parser("sample", help="a random sample to judge by hand, stratified by kind (JSON Lines)")
    sample.add_argument("--size", type=int, default=60, help="how many prompts (default 60)")
    sample.add_argument("--seed", default=date.today().isoformat(), help="default: today's date")
    add_location_flags(sample)
    sample.set_defaults(func=run_sample)


def current_prompts(args: argparse.Namespace) -> list[QuizItem]:
    """The prompts beside the notes index (of `--guild`'s notes when given), building the index first if there is
    none; raises NotesIndexError."""
    source = server_source(args)
    if source is not None:
        return load_prompts(source.folder / PROMPTS_FILE)
    settings = settings_from(args)
    path = index_store(settings).link / PROMPTS_FILE
    if not path.is_file():
        print("No quiz prompts yet: building the notes index first.", file=sys.stderr)
        ensure_index(
            settings, embedder_for(settings.retrieval.model), announce=lambda text: print(text, file=sys.stderr)
        )
    return load_prompts(path)


def run_export(args: argparse.Namespace) -> int:
    try:
        prompts = current_prompts(args)
    except NotesIndexError as error:
        return fail(str(error))
    for prompt in prompts:
        if args.json:
            data = prompt.as_dict()
            print_json({field: data[field] for field in EXPORTED_FIELDS})
        else:
            print(f"[{prompt.kind}] {prompt.question}\n    -> {prompt.answer}  ({prompt.source}:{prompt.start_line})")
    return 0


def run_sample(args: argparse.Namespace) -> int:
    try:
        prompts = current_prompts(args)
        documents = load_corpus(settings_from(args).paths.corpus_dir, settings_from(args).paths.root)
    except (NotesIndexError, OSError) as error:
        return fail(str(error))
    lines = {d.source: d.lines for d in documents}
    for prompt in stratified_sample(prompts, args.size, args.seed):
        cited = lines.get(prompt.source, ())[prompt.start_line - 1 : prompt.end_line]
        print_json(
            {
                "kind": prompt.kind,
                "question": prompt.question,
                "choices": prompt.choices,
                "answer": prompt.answer,
                "cited_lines": "\n".join(cited),
                "source": f"{prompt.source}:{prompt.start_line}-{prompt.end_line}",
            }
        )
    return 0
