"""`tutorbot ask`: answers from the notes with citations, or an honest 'not in the notes'."""

from __future__ import annotations

import argparse
import time

from bot.cli._common import (
    add_guild_flag,
    add_location_flags,
    add_question_flags,
    fail,
    no_question,
    notes_retriever,
    print_json,
    read_lines,
)
from bot.errors import NotesIndexError
from bot.knowledge.answer_markdown import answer_markdown
from bot.knowledge.answering import Answer, Answerer


def register(subparsers: argparse._SubParsersAction) -> None:
    ask = subparsers.add_parser("ask", help="answer a question from the notes, with citations")
    add_location_flags(ask)
    add_guild_flag(ask)
    add_question_flags(ask)
    ask.set_defaults(func=run_ask)


def answer_json(answer: Answer, latency_ms: float) -> dict:
    return {
        "query": answer.query,
        "answer": answer_markdown(answer),
        "abstained": answer.abstained,
        "coverage": answer.coverage,
        "missing": answer.missing,
        "confidence": answer.confidence,
        "sources": [
            {
                "source": c.source,
                "heading_path": list(c.heading_path),
                "start_line": c.start_line,
                "end_line": c.end_line,
                **({"pages": list(c.pages)} if c.pages else {}),  # a PDF's (first, last) page
            }
            for c in answer.citations
        ],
        **({"out_of_date": outdated} if (outdated := _outdated(answer)) else {}),  # the notes' errata it quotes
        "latency_ms": round(latency_ms, 2),
    }


def _outdated(answer: Answer) -> list[dict[str, str]]:
    """The errata beside the answer's passages, each once: {"match", "current", "source"}."""
    found = dict.fromkeys(erratum for section in answer.sections for erratum in section.outdated)
    return [{"match": e.match, "current": e.current, "source": e.source} for e in found]


def open_answerer(args: argparse.Namespace) -> Answerer:
    return Answerer(notes_retriever(args))


def run_ask(args: argparse.Namespace) -> int:
    if args.question is None and not args.batch:
        return no_question()
    try:
        answerer = open_answerer(args)
    except NotesIndexError as problem:
        return fail(str(problem))
    questions = read_lines(args.batch) if args.batch else [args.question]
    for question in questions:
        started = time.perf_counter()
        answer = answerer.answer(question)
        latency_ms = (time.perf_counter() - started) * 1000
        if args.json:
            print_json(answer_json(answer, latency_ms))
        else:
            print(f"\n> {question}\n\n{answer_markdown(answer)}\n")
    return 0
