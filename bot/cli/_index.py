"""`tutorbot build-index` and `tutorbot search`."""

from __future__ import annotations

import argparse
import sys
import time

from bot.cli._common import (
    INTERRUPTED,
    add_guild_flag,
    add_location_flags,
    add_question_flags,
    embedder_for,
    fail,
    no_question,
    notes_retriever,
    print_json,
    read_lines,
    settings_from,
)
from bot.errors import NotesIndexError
from bot.indexing import DISK_FULL_BUILD, build_index, ensure_index
from bot.knowledge.retriever import Hit
from bot.storage.failures import is_disk_full

PASSAGE_LIMIT = 1500


def register(subparsers: argparse._SubParsersAction) -> None:
    build = subparsers.add_parser(
        "build-index",
        help="chunk and embed the notes into the index (only what changed)",
        description="Build the notes index and its quiz prompts. Ctrl-C stops it and keeps the previous index.",
    )
    add_location_flags(build)
    build.add_argument("--if-stale", action="store_true", help="only build when the index is missing or stale")
    build.set_defaults(func=run_build)

    search = subparsers.add_parser("search", help="find the passages of the notes that match a question")
    add_location_flags(search)
    add_guild_flag(search)
    add_question_flags(search)
    search.add_argument("-k", type=int, default=5, help="how many passages (default 5)")
    search.add_argument("--topic", help="only search one top-level topic")
    search.set_defaults(func=run_search)


def run_build(args: argparse.Namespace) -> int:
    try:
        return _build(args)
    except KeyboardInterrupt:
        return fail("stopped (Ctrl-C); the previous notes index is unchanged.", code=INTERRUPTED)
    except OSError as error:
        if not is_disk_full(error):
            raise
        return fail(DISK_FULL_BUILD)


def _build(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    embedder = embedder_for(settings.retrieval.model)
    progress = sys.stderr.isatty()
    if args.if_stale:
        report = ensure_index(settings, embedder, progress, announce=lambda text: print(text, file=sys.stderr))
        if report is None:
            print("The notes index is up to date.", file=sys.stderr)
            return 0
    else:
        report = build_index(settings, embedder, progress)
    print(
        f"Indexed {report.chunk_count} passages ({report.embedded} embedded, {report.reused} reused) "
        f"in {report.seconds:.1f}s.",
        file=sys.stderr,
    )
    return 0


def hit_json(hit: Hit) -> dict:
    passage = hit.passage
    return {
        "rank": hit.rank,
        "score": round(hit.score, 4),
        "chunk_id": passage.chunk_id,
        "source": passage.source,
        "heading_path": list(passage.heading_path),
        "start_line": passage.start_line,
        "end_line": passage.end_line,
        **({"pages": list(passage.pages)} if passage.pages else {}),  # a PDF's (first, last) page
        "text": passage.text[:PASSAGE_LIMIT],
    }


def run_search(args: argparse.Namespace) -> int:
    if not args.question and not args.batch:
        return no_question()
    try:
        retriever = notes_retriever(args)
    except NotesIndexError as problem:
        return fail(str(problem))
    questions = read_lines(args.batch) if args.batch else [args.question]
    for question in questions:
        started = time.perf_counter()
        hits = retriever.search(question, k=args.k, topic=args.topic)
        latency_ms = (time.perf_counter() - started) * 1000
        if args.json:
            print_json({"query": question, "latency_ms": round(latency_ms, 2), "hits": [hit_json(h) for h in hits]})
        else:
            print(f"\n{question}  ({latency_ms:.0f} ms)")
            for hit in hits:
                passage = hit.passage
                print(
                    f"  {hit.rank}. [{hit.score:.2f}] {' > '.join(passage.heading_path)} "
                    f"({passage.source}:{passage.start_line}-{passage.end_line})"
                )
                print("     " + passage.text[:300].replace("\n", "\n     "))
    return 0
