"""`tutorbot mock export`: one mock exam from the notes' quiz items, spread over the exam's domains."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from bot.cli._common import add_location_flags, embedder_for, fail, print_json, settings_from
from bot.errors import TutorbotError
from bot.exam.domains import ExamDomains
from bot.exam.mock import MAX_QUESTIONS, MockExam, assemble_mock, minutes_for
from bot.indexing import ensure_index, load_index, open_profile
from bot.knowledge.chunking import topics_of
from bot.quiz.item import PROMPTS_FILE, load_prompts


def register(subparsers: argparse._SubParsersAction) -> None:
    mock = subparsers.add_parser("mock", help="mock exams spread over the exam's domains")
    actions = mock.add_subparsers(dest="mock_command", required=True)
    export = actions.add_parser("export", help="print one mock exam (the same seed gives the same mock)")
    export.add_argument("--json", action="store_true", help="one JSON object (questions, minutes, domains)")
    export.add_argument(
        "--questions", type=question_count, help="how many questions (default: the exam's, 65 without a profile)"
    )
    export.add_argument("--minutes", type=positive, help="time allowed (default: the exam's pace per question)")
    export.add_argument("--seed", default=date.today().isoformat(), help="default: today's date")
    add_location_flags(export)
    export.set_defaults(func=run_export)


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, got {text!r}")
    return value


def question_count(text: str) -> int:
    value = positive(text)
    if value > MAX_QUESTIONS:
        raise argparse.ArgumentTypeError(f"a mock exam has at most {MAX_QUESTIONS} questions, got {value}")
    return value


def build_mock(args: argparse.Namespace) -> MockExam:
    """The mock over the current index (built first when missing or stale); raises TutorbotError."""
    settings = settings_from(args)
    embedder = embedder_for(settings.retrieval.model)
    ensure_index(settings, embedder, announce=lambda text: print(text, file=sys.stderr))
    index = load_index(settings, embedder)
    blueprint = open_profile(settings).exam
    questions = args.questions or blueprint.questions
    domains = ExamDomains.over(blueprint, topics_of(index.chunks))
    items = load_prompts(index.path / PROMPTS_FILE)
    return assemble_mock(items, domains, questions, args.minutes or minutes_for(questions, blueprint), args.seed)


def as_json(mock: MockExam) -> dict[str, object]:
    """The stable export shape: {"questions": [...], "minutes", "domains": {name: weight in per cent}}."""
    return {
        "questions": [
            {
                "id": q.item.id,
                "domain": q.domain,
                "kind": q.item.kind,
                "question": q.item.question,
                "choices": list(q.choices),
                "answer": q.item.answer,
                "source": q.item.source,
                "start_line": q.item.start_line,
                "end_line": q.item.end_line,
            }
            for q in mock.questions
        ],
        "minutes": mock.minutes,
        "domains": dict(mock.domains),
    }


def run_export(args: argparse.Namespace) -> int:
    try:
        mock = build_mock(args)
    except TutorbotError as error:
        return fail(str(error))
    wanted = args.questions or len(mock.questions)
    if len(mock.questions) < wanted:
        print(f"tutorbot: the notes have only {len(mock.questions)} usable questions", file=sys.stderr)
    if args.json:
        print_json(as_json(mock))
        return 0
    print(f"Mock exam: {len(mock.questions)} questions, {mock.minutes} minutes")
    for name, count in mock.domain_counts().items():
        print(f"  {name}: {count} questions ({mock.domains[name]:g}%)")
    for number, question in enumerate(mock.questions, start=1):
        print(f"\n{number}. [{question.domain}] {question.item.question}")
        for letter, choice in zip("ABCDEFGH", question.choices, strict=False):
            print(f"   {letter}) {choice}")
        print(f"   -> {question.item.answer}  ({question.item.source}:{question.item.start_line})")
    return 0
