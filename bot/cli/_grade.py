"""`tutorbot quiz grade --json --batch FILE` and `tutorbot eval quiz`: typed answers marked by the grader.

A batch line is {"kind", "answer", "accepted": [...], "response"}; each output line is {"correct", "note"}.
The glossary (acronyms and their expansions) is learned from the notes folder.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.cli._common import add_location_flags, fail, print_json, read_lines, settings_from
from bot.indexing import open_profile
from bot.knowledge.corpus import load_corpus
from bot.quiz.grading import grade
from bot.quiz.grading_baseline import baseline_correct
from bot.quiz.item import ItemKind, QuizItem
from bot.quiz.term_match import Glossary
from bot.quiz.terms import glossary_of
from bot.settings import REPO_ROOT

GRADING_GOLD = REPO_ROOT.parent / "shared" / "eval" / "grading_dev.jsonl"


class BadProbe(ValueError):
    """A batch line that is not {"kind", "answer", "accepted", "response"}."""


def register_grade(actions: argparse._SubParsersAction) -> None:
    """Add `grade` to the `tutorbot quiz` sub-commands."""
    grading = actions.add_parser("grade", help="mark typed answers (JSON Lines in, JSON Lines out)")
    grading.add_argument(
        "--batch", type=Path, required=True, help='JSON Lines of {"kind", "answer", "accepted", "response"}'
    )
    grading.add_argument("--json", action="store_true", help="one JSON object per line (the only output form)")
    add_location_flags(grading)
    grading.set_defaults(func=run_grade)


def register_eval_quiz(kinds: argparse._SubParsersAction) -> None:
    """Add `quiz` to the `tutorbot eval` sub-commands."""
    evaluate = kinds.add_parser("quiz", help="grading fairness on the dev probes beside the old grader")
    evaluate.add_argument("--gold", type=Path, default=GRADING_GOLD, help="grading probes with the right verdict")
    evaluate.add_argument("--show", action="store_true", help="print each unfair verdict")
    add_location_flags(evaluate)
    evaluate.set_defaults(func=run_eval_quiz)


def notes_glossary(args: argparse.Namespace) -> Glossary:
    """The acronyms the notes spell out, read with their profile's words (made the active profile)."""
    settings = settings_from(args)
    open_profile(settings)
    return glossary_of(
        line for doc in load_corpus(settings.paths.corpus_dir, settings.paths.root) for line in doc.lines
    )


def probe_prompt(item: object) -> tuple[QuizItem, str]:
    """The prompt and response of one probe; raises BadProbe naming what is missing."""
    if not isinstance(item, dict):
        raise BadProbe('Each line needs a JSON object {"kind", "answer", "accepted", "response"}.')
    kind, answer, accepted, response = (item.get(k) for k in ("kind", "answer", "accepted", "response"))
    if kind not in {k.value for k in ItemKind}:
        raise BadProbe(f'"kind" must be one of {", ".join(ItemKind)}.')
    if not isinstance(answer, str) or not isinstance(response, str):
        raise BadProbe('"answer" and "response" must be text.')
    if accepted is None:
        accepted = []
    if not isinstance(accepted, list) or not all(isinstance(a, str) for a in accepted):
        raise BadProbe('"accepted" must be a list of text.')
    prompt = QuizItem("probe", ItemKind(kind), "", answer, tuple(accepted), None, "", (), 1, 1, "")
    return prompt, response


def run_grade(args: argparse.Namespace) -> int:
    try:
        lines = read_lines(args.batch)
        glossary = notes_glossary(args)
    except OSError as problem:
        return fail(str(problem))
    for line in lines:
        try:
            prompt, response = probe_prompt(json.loads(line))
        except (json.JSONDecodeError, BadProbe) as problem:
            print_json({"correct": False, "note": "", "error": str(problem)})
            continue
        result = grade(prompt, response, glossary)
        print_json({"correct": result.correct, "note": result.note})
    return 0


def run_eval_quiz(args: argparse.Namespace) -> int:
    try:
        probes = [json.loads(line) for line in read_lines(args.gold)]
        glossary = notes_glossary(args)
        pairs = [(probe_prompt(p), bool(p["correct"])) for p in probes]
    except (OSError, json.JSONDecodeError, BadProbe, KeyError) as problem:
        return fail(str(problem))
    rows = {
        "old grader (number + unit spelling, fuzzy words)": [baseline_correct(p, r) for (p, r), _ in pairs],
        "tutorbot: pint quantities, terms, notes' acronyms": [grade(p, r, glossary).correct for (p, r), _ in pairs],
    }
    print(f"Grading on {args.gold} ({len(pairs)} typed answers)")
    print(f"  {'grader':<50} {'fair':>6} {'false accepts':>14} {'false refusals':>15}")
    for name, verdicts in rows.items():
        fair = sum(v == want for v, (_, want) in zip(verdicts, pairs, strict=True))
        accepts = sum(v and not want for v, (_, want) in zip(verdicts, pairs, strict=True))
        refusals = sum(want and not v for v, (_, want) in zip(verdicts, pairs, strict=True))
        print(f"  {name:<50} {fair / len(pairs):>6.3f} {accepts:>14} {refusals:>15}")
    if args.show:
        for ((prompt, response), want), verdict in zip(pairs, rows[list(rows)[-1]], strict=True):
            if verdict != want:
                print(f"  UNFAIR: {prompt.answer!r} <- {response!r}: expected {want}, got {verdict}")
    return 0
