"""`tutorbot check` (a practice-exam question against the notes) and `tutorbot eval check`."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bot.cli._common import (
    add_guild_flag,
    add_location_flags,
    add_question_flags,
    embedder_for,
    fail,
    notes_retriever,
    print_json,
    read_lines,
    settings_from,
)
from bot.errors import InvalidInput, NotesIndexError
from bot.indexing import open_retriever
from bot.knowledge.evaluation import read_jsonl
from bot.knowledge.practice import (
    CheckResult,
    PracticeChecker,
    PracticeQuestion,
    make_question,
    parse_question,
    support_level,
)
from bot.knowledge.practice.evaluation import PracticeScores, evaluate_practice
from bot.settings import REPO_ROOT
from bot.wording import certainty

PRACTICE_GOLD = REPO_ROOT.parent / "shared" / "eval" / "practice_dev.jsonl"


def register(subparsers: argparse._SubParsersAction) -> None:
    check = subparsers.add_parser("check", help="check a practice-exam question's options against the notes")
    add_location_flags(check)
    add_guild_flag(check)
    add_question_flags(
        check,
        question="the pasted question with its options (or use --batch)",
        batch='JSON Lines file of {"question", "options", "select"}',
    )
    check.add_argument("--select", type=int, help="how many options to pick (default: the stem's hint, else 1)")
    check.set_defaults(func=run_check)


def register_check(kinds: argparse._SubParsersAction) -> None:
    """Add `check` to the `tutorbot eval` sub-commands."""
    evaluate = kinds.add_parser("check", help="practice-question accuracy beside chance and the dense baseline")
    add_location_flags(evaluate)
    evaluate.add_argument("--gold", type=Path, default=PRACTICE_GOLD, help="practice questions with their answers")
    evaluate.set_defaults(func=run_eval_check)


def result_json(result: CheckResult, latency_ms: float) -> dict:
    """The batch contract: ranking, scores, abstained, confidence, evidence spans per option, latency."""
    return {
        "ranking": list(result.ranking),
        "scores": list(result.scores),
        "abstained": result.abstained,
        "confidence": result.confidence,
        "evidence": [
            [
                {
                    "source": e.citation.source,
                    "heading_path": list(e.citation.heading_path),
                    "start_line": e.citation.start_line,
                    "end_line": e.citation.end_line,
                }
                for e in passages
            ]
            for passages in result.evidence
        ],
        "latency_ms": round(latency_ms, 2),
    }


def batch_question(line: str) -> PracticeQuestion:
    """One batch line as a question; malformed lines raise InvalidInput."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as problem:
        raise InvalidInput(f"Not a JSON object: {problem.msg}.") from None
    if (
        not isinstance(item, dict)
        or not isinstance(item.get("question"), str)
        or not isinstance(item.get("options"), list)
    ):
        raise InvalidInput('Each line needs {"question": str, "options": [str, ...]}.')
    select = item.get("select")
    if select is not None and not isinstance(select, int):
        raise InvalidInput('"select" must be a whole number.')
    return make_question(item["question"], item["options"], select)


def print_readable(result: CheckResult, latency_ms: float) -> None:
    question = result.question
    print(f"\n{question.stem}  ({latency_ms:.0f} ms)")
    if question.negated:
        print("  (a NOT/EXCEPT question: the option the notes support least is the answer)")
    for index in result.ranking:
        mark = "*" if index in result.picks and not result.abstained else " "
        share = f"{support_level(result.support[index])}, {result.scores[index]:.0%} of the evidence"
        print(f" {mark} {chr(65 + index)}. {question.options[index]}  [{share}]")
        for evidence in result.evidence[index][:1]:
            print(f"      {evidence.citation.label} ({evidence.citation.source})")
            print(f'      "{evidence.quote}"')
    if result.abstained:
        print(f"The notes don't settle this: {result.reason}")
    else:
        letters = ", ".join(chr(65 + i) for i in result.picks)
        print(f"The notes support {letters} (how sure: {certainty(result.confidence)}).")


def run_check(args: argparse.Namespace) -> int:
    if not args.question and not args.batch:
        return fail("give a pasted question or --batch FILE")
    try:
        pasted = None if args.batch else parse_question(args.question, args.select)
    except InvalidInput as problem:
        return fail(str(problem))
    try:
        checker = PracticeChecker(notes_retriever(args))
    except NotesIndexError as problem:
        return fail(str(problem))
    lines = read_lines(args.batch) if args.batch else [""]
    for line in lines:
        started = time.perf_counter()
        try:
            result = checker.check(pasted or batch_question(line))
        except InvalidInput as problem:
            if args.json:
                print_json({"error": str(problem)})
            else:
                print(f"\n{problem}")
            continue
        latency_ms = (time.perf_counter() - started) * 1000
        if args.json:
            print_json(result_json(result, latency_ms))
        else:
            print_readable(result, latency_ms)
    return 0


def print_scores(gold: Path, scores: PracticeScores) -> None:
    print(f"Practice questions: {gold} ({scores.questions} questions, exact match of the picked options)")
    print(f"  {'chance':<46} {scores.chance:>6.3f}")
    print(f"  {'dense baseline: question + option vs passages':<46} {scores.dense_baseline:>6.3f}")
    print(f"  {'tutorbot check (every question)':<46} {scores.accuracy:>6.3f}")
    answered = "n/a" if scores.answered_accuracy is None else f"{scores.answered_accuracy:.3f}"
    print(f"  {'tutorbot check (questions not abstained)':<46} {answered:>6}")
    print(f"  abstention rate {scores.abstention_rate:.3f}; p50 latency {scores.latency_p50_ms:.0f} ms")
    print("  accuracy by confidence band:")
    for band in scores.bands:
        accuracy = "n/a" if band.accuracy is None else f"{band.accuracy:.3f}"
        print(f"    {band.label:<10} {band.count:>4} questions  {accuracy:>6}")


def run_eval_check(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    try:
        checker = PracticeChecker(open_retriever(settings, embedder_for(settings.retrieval.model)))
        items = read_jsonl(args.gold)
        print_scores(args.gold, evaluate_practice(checker, items))
    except (NotesIndexError, InvalidInput, OSError, ValueError, KeyError) as problem:
        return fail(str(problem))
    return 0
