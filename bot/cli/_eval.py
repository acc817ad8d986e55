"""`tutorbot eval ...`: quality figures on the shared dev sets, printed beside their baselines."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli._check import register_check
from bot.cli._common import add_location_flags, embedder_for, settings_from
from bot.cli._grade import register_eval_quiz
from bot.indexing import open_retriever
from bot.knowledge.answer_markdown import answer_markdown
from bot.knowledge.answerability import CoverageOutcome
from bot.knowledge.answering import Answer, Answerer
from bot.knowledge.baselines import NaiveDenseBaseline, hand_rule_declines
from bot.knowledge.corpus import load_corpus
from bot.knowledge.evaluation import RetrievalScores, answer_hit, read_jsonl, score_retrieval
from bot.knowledge.index.fusion import FusionWeights
from bot.knowledge.retriever import Retriever
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
    register_eval_quiz(kinds)
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
    return [
        [(h.passage.start_line, h.passage.end_line) for h in hits] for hits in retriever.search_many(questions, k=10)
    ]


def run_retrieval(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    embedder = embedder_for(settings.retrieval.model)
    gold = read_jsonl(args.gold)
    questions = [item["question"] for item in gold]
    tutor = open_retriever(settings, embedder)
    dense_only = Retriever(tutor.index, embedder, FusionWeights(dense=1.0), analysis=tutor.analysis)
    bm25_only = Retriever(tutor.index, embedder, FusionWeights(dense=0.0), analysis=tutor.analysis)
    naive = NaiveDenseBaseline(load_corpus(settings.paths.corpus_dir, settings.paths.root), embedder)
    blend_only = Retriever(tutor.index, embedder, analysis=tutor.analysis)
    rows = {
        "naive: 1,000-char chunks, 200 overlap, dense": score_retrieval(gold, naive.search_many(questions)),
        "BM25 alone (heading chunks)": score_retrieval(gold, ranked_spans(bm25_only, questions)),
        "dense alone (heading chunks)": score_retrieval(gold, ranked_spans(dense_only, questions)),
        "before reranking: dense + BM25 blend": score_retrieval(gold, ranked_spans(blend_only, questions)),
        "tutorbot: blend, then learned reranker": score_retrieval(gold, ranked_spans(tutor, questions)),
    }
    print_table(f"Retrieval on {args.gold} ({len(gold)} questions)", rows)
    if tutor.reranker is not None:
        report = tutor.reranker.report
        print(
            "Reranker (trained on questions generated from the notes; 5-fold cross-validated by question, "
            "first right candidate among the blend's best): "
            + ", ".join(f"{k} {v:.3f}" if v < 1 else f"{k} {v:.0f}" for k, v in report.items())
        )
    return 0


def _outcome_row(name: str, answers: list[Answer]) -> str:
    n = max(1, len(answers))
    shares = [sum(a.coverage == outcome for a in answers) / n for outcome in CoverageOutcome]
    return f"  {name:<28} {shares[0]:>7.3f} {shares[1]:>8.3f} {shares[2]:>6.3f}"


def run_answers(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    gold = read_jsonl(args.gold)
    unanswerable = read_jsonl(args.unanswerable)
    answerer = Answerer(open_retriever(settings, embedder_for(settings.retrieval.model)))
    lines = {d.source: d.lines for d in load_corpus(settings.paths.corpus_dir, settings.paths.root)}
    source = next(iter(lines))
    answers = answerer.answer_many([g["question"] for g in gold])
    others = answerer.answer_many([u["question"] for u in unanswerable])
    hits = 0
    for item, answer in zip(gold, answers, strict=True):
        start, end = item["gold_lines"]
        hit = not answer.abstained and answer_hit(answer_markdown(answer), "\n".join(lines[source][start - 1 : end]))
        hits += hit
        if args.show:
            print(f"{'HIT ' if hit else 'MISS'} {answer.coverage:<7} {item['id']} {item['question']}")
    for item, answer in zip(unanswerable, others, strict=True):
        if args.show:
            print(f"{answer.coverage:<12} {item['id']} {item['question']}")
    shown = [a for a in answers + others if not a.abstained]
    hand = [a.measures is None or hand_rule_declines(a.measures) for a in answers]
    hand_unanswerable = [a.measures is None or hand_rule_declines(a.measures) for a in others]
    print(f"Answers on {args.gold.name} ({len(gold)}) and {args.unanswerable.name} ({len(unanswerable)})")
    print(f"  {'outcome share':<28} {'full':>7} {'partial':>8} {'none':>6}")
    print(_outcome_row(f"answerable ({len(gold)})", answers))
    print(_outcome_row(f"unanswerable ({len(unanswerable)})", others))
    print(f"  answer hit rate                          {hits / len(gold):.3f}")
    cited = sum(bool(a.citations) for a in shown) / max(1, len(shown))
    print(f"  non-none answers with >= 1 citation      {cited:.3f}")
    print("Beside the old hand-set thresholds (two outcomes: answer or decline), same retrieval")
    print(f"  {'':<28} {'declined':>9} {'learned: none or partial':>26}")
    honest = sum(a.coverage != CoverageOutcome.FULL for a in others) / max(1, len(others))
    print(f"  {'unanswerable':<28} {sum(hand_unanswerable) / max(1, len(others)):>9.3f} {honest:>26.3f}")
    declined = sum(a.abstained for a in answers) / max(1, len(answers))
    print(f"  {'answerable (none)':<28} {sum(hand) / max(1, len(answers)):>9.3f} {declined:>26.3f}")
    report = answerer.model.report
    print(
        "Answer model (trained on questions generated from the notes, 5-fold cross-validated): "
        + ", ".join(f"{k} {v:.3f}" if v < 1 else f"{k} {v:.0f}" for k, v in report.items())
    )
    return 0
