"""`tutorbot eval ...`: quality figures on the shared dev sets, printed beside their baselines."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli._check import register_check
from bot.cli._common import add_location_flags, embedder_for, settings_from
from bot.indexing import open_retriever
from bot.knowledge.answering import Answerer
from bot.knowledge.baselines import NaiveDenseBaseline
from bot.knowledge.corpus import load_corpus
from bot.knowledge.evaluation import RetrievalScores, answer_hit, read_jsonl, score_retrieval
from bot.knowledge.retriever import FusionWeights, Retriever
from bot.settings import REPO_ROOT

EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"


def register(subparsers: argparse._SubParsersAction) -> None:
    evaluate = subparsers.add_parser("eval", help="measure quality on the dev sets")
    kinds = evaluate.add_subparsers(dest="eval_kind", required=True)
    retrieval = kinds.add_parser("retrieval", help="recall@k and MRR@10 beside the baselines")
    add_location_flags(retrieval)
    retrieval.add_argument("--gold", type=Path, default=EVAL_DIR / "dev.jsonl", help="questions with their gold lines")
    retrieval.set_defaults(func=run_retrieval)
    register_check(kinds)
    answers = kinds.add_parser("answers", help="answer hit rate and abstention on the dev files")
    add_location_flags(answers)
    answers.add_argument("--gold", type=Path, default=EVAL_DIR / "dev.jsonl", help="questions with their gold lines")
    answers.add_argument(
        "--unanswerable", type=Path, default=EVAL_DIR / "unanswerable_dev.jsonl", help="questions the notes never cover"
    )
    answers.add_argument("--show", action="store_true", help="print each question's outcome")
    answers.set_defaults(func=run_answers)


def print_table(title: str, rows: dict[str, RetrievalScores]) -> None:
    print(title)
    print(f"  {'system':<44} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR@10':>7}")
    for name, s in rows.items():
        print(f"  {name:<44} {s.recall_at_1:>6.3f} {s.recall_at_5:>6.3f} {s.recall_at_10:>6.3f} {s.mrr_at_10:>7.3f}")


def ranked_spans(retriever: Retriever, questions: list[str]) -> list[list[tuple[int, int]]]:
    return [[(h.chunk.start_line, h.chunk.end_line) for h in hits] for hits in retriever.search_many(questions, k=10)]


def run_retrieval(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    embedder = embedder_for(settings.model)
    gold = read_jsonl(args.gold)
    questions = [item["question"] for item in gold]
    tutor = open_retriever(settings, embedder)
    dense_only = Retriever(tutor.index, embedder, FusionWeights(dense=1.0))
    bm25_only = Retriever(tutor.index, embedder, FusionWeights(dense=0.0))
    naive = NaiveDenseBaseline(load_corpus(settings.corpus_dir, settings.root), embedder)
    rows = {
        "naive: 1,000-char chunks, 200 overlap, dense": score_retrieval(gold, naive.search_many(questions)),
        "BM25 alone (heading chunks)": score_retrieval(gold, ranked_spans(bm25_only, questions)),
        "dense alone (heading chunks)": score_retrieval(gold, ranked_spans(dense_only, questions)),
        "tutorbot: heading chunks, dense + BM25 blend": score_retrieval(gold, ranked_spans(tutor, questions)),
    }
    print_table(f"Retrieval on {args.gold} ({len(gold)} questions)", rows)
    return 0


def run_answers(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    answerer = Answerer(open_retriever(settings, embedder_for(settings.model)))
    gold = read_jsonl(args.gold)
    unanswerable = read_jsonl(args.unanswerable)
    lines = {d.source: d.lines for d in load_corpus(settings.corpus_dir, settings.root)}
    source = next(iter(lines))
    answers = answerer.answer_many([g["question"] for g in gold])
    declines = answerer.answer_many([u["question"] for u in unanswerable])
    hits = 0
    for item, answer in zip(gold, answers, strict=True):
        start, end = item["gold_lines"]
        hit = not answer.abstained and answer_hit(answer.text, "\n".join(lines[source][start - 1 : end]))
        hits += hit
        if args.show:
            print(f"{'HIT ' if hit else 'DECLINED' if answer.abstained else 'MISS'} {item['id']} {item['question']}")
    for item, answer in zip(unanswerable, declines, strict=True):
        if args.show:
            print(f"{'declined' if answer.abstained else 'ANSWERED'} {item['id']} {item['question']}")
    answered = [a for a in answers if not a.abstained]
    print(f"Answers on {args.gold.name} ({len(gold)}) and {args.unanswerable.name} ({len(unanswerable)})")
    print(f"  answer hit rate                 {hits / len(gold):.3f}")
    print(f"  unanswerable declined           {sum(a.abstained for a in declines) / len(unanswerable):.3f}")
    print(f"  answerable wrongly declined     {(len(gold) - len(answered)) / len(gold):.3f}")
    print(f"  answered with >= 1 citation     {sum(bool(a.citations) for a in answered) / max(1, len(answered)):.3f}")
    return 0
