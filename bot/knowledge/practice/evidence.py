"""How much the notes support each option as an answer to the stem, and the passages that show it.

A passage supports an option when it is about the stem (dense similarity to the stem plus the share of the stem's
rare words it contains) AND it contains what sets this option apart from the others (the option's rare words that
the other options and the stem lack, plus the option's own dense similarity). The two are multiplied so that a
true statement that does not answer the stem, or a passage about the stem that never mentions the option, counts
little. The same product is taken again over windows of three lines inside the best passages, which rewards an
option named right beside the stem's words.

Two refinements keep one option from borrowing another's evidence:
- A line that names another option much more than this one belongs to that option: as the neighbour of a window's
  centre line it lends this option none of its words (list items: "Binpack: ... fill an instance" and "This
  minimizes cost" above "Random: ..."). As a centre line it still counts with its neighbours.
- The stem's words that every option's best passages share (its topic: "bucket", "encrypt", "keys") cannot tell the
  options apart; the ones found beside only some options ("outside", "never store") can, and count again in the
  window's relevance to the stem, by the share of options whose passages lack them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.knowledge.analysis.analyser import terms
from bot.knowledge.analysis.markup import quote_text
from bot.knowledge.answering import Citation
from bot.knowledge.chunking import Chunk
from bot.knowledge.practice.ruling_out import acts_on_existing, rules_out
from bot.knowledge.practice.term_index import EXAM_FILLER, TermIndex, TermWeights, text_coverage

STEM_SHARED = 0.3  # weight kept by an option word that the stem also uses
OPTION_DENSE = 0.5  # weight of the option's own dense similarity beside its distinctive words
PASSAGES_READ = 8  # best passages per option whose lines are scored
CONTRAST_PASSAGES = 2  # best passages per option whose words decide which stem words tell the options apart
CONTRAST_WEIGHT = 0.5  # weight of the telling stem words in a window's relevance to the stem
OWNED_BY_OTHER = 2.0  # a line naming another option this many times more than this one (by weight) is that one's
QUOTE_CHARS = 300


@dataclass(frozen=True)
class Evidence:
    """A passage of the notes bearing on one option, with a short quote of its own words and its score."""

    citation: Citation
    quote: str
    score: float


@dataclass(frozen=True)
class OptionEvidence:
    support: float  # passage-level plus line-level support; comparable across one question's options
    passages: tuple[Evidence, ...]  # best first
    found_share: float  # share of the option's distinctive weight found in its best passage


@dataclass(frozen=True)
class QuestionSignals:
    """What the notes hold for the stem as a whole."""

    stem_similarity: float  # best dense similarity of any passage to the stem


def distinctive_weights(index: TermIndex, stem: str, options: Sequence[str]) -> list[dict[str, float]]:
    """Per option, IDF weights of the words that tell it apart: shared by fewer options, not in the stem.

    Only words the notes use count. A word they never use ("95 percent", a service they do not cover) is no
    evidence either way: weighed as the rarest word, it made a true option look unsupported for one number it
    states, while what the option is about was there.
    """
    stem_terms = set(terms(stem))
    option_terms = [{t for t in terms(o) if index.knows(t)} - EXAM_FILLER for o in options]
    counts = Counter(t for found in option_terms for t in found)
    return [
        {
            t: index.idf(t) / counts[t] * (STEM_SHARED if t in stem_terms else 1.0)
            for t in found
            if counts[t] < len(options)
        }
        for found in option_terms
    ]


def telling_stem_weights(stem_weights: TermWeights, passages_terms: Sequence[frozenset[str]]) -> dict[str, float]:
    """The stem's weights, each scaled by the share of options whose best passages (`passages_terms`, one set per
    option) lack the word: 0 for a word beside every option (it cannot tell them apart), up to its full weight."""
    if not passages_terms:
        return {}
    share = {term: sum(term in found for found in passages_terms) / len(passages_terms) for term in stem_weights}
    return {term: weight * (1 - share[term]) for term, weight in stem_weights.items()}


def _relu(values: np.ndarray) -> np.ndarray:
    return np.maximum(values, 0.0)


@dataclass(frozen=True)
class _Probe:
    """One option's view of the notes: per-passage dense similarities and the term weights to look for."""

    stem_dense: np.ndarray
    stem_weights: TermWeights
    telling_weights: TermWeights  # the stem's words that tell the options' passages apart (telling_stem_weights)
    weights: TermWeights
    others: tuple[TermWeights, ...]  # the other options' distinctive weights
    dense: np.ndarray
    negative: bool  # the option itself says what is not so ("it is not retroactive")

    def window_score(self, row: int, window: frozenset[str]) -> float:
        """The stem-relevance times option-relevance product for a few lines of passage `row`."""
        stem_part = (
            max(float(self.stem_dense[row]), 0.0)
            + text_coverage(window, self.stem_weights)
            + CONTRAST_WEIGHT * text_coverage(window, self.telling_weights)
        )
        option_part = text_coverage(window, self.weights) + OPTION_DENSE * max(float(self.dense[row]), 0.0)
        return stem_part * option_part

    def owned_by_other(self, line: frozenset[str]) -> bool:
        """Whether the line names another option much more than this one (it is that option's line)."""
        theirs = max((text_coverage(line, weights) for weights in self.others), default=0.0)
        return theirs > 0 and theirs > OWNED_BY_OTHER * text_coverage(line, self.weights)


NEGATION = re.compile(r"\b(?:not|cannot|can't|doesn't|don't|isn't|aren't|never|no longer|won't)\b", re.IGNORECASE)
RULED_OUT = 0.5  # an option changing what its passage says is fixed at creation (practice/ruling_out.py)
NEGATED_EVIDENCE = 0.7  # an option named in a line of the other polarity ("X cannot ..." for "X can ...") is weaker


class EvidenceFinder:
    """Scores options against the notes' passages; vectors are the chunks' normalised embeddings."""

    def __init__(self, chunks: Sequence[Chunk], vectors: np.ndarray, index: TermIndex) -> None:
        self.chunks = chunks
        self.vectors = vectors
        self.index = index
        self._titles = [  # tuples, not sets: see bot/knowledge/analysis/notes.py
            tuple(t for t in terms(c.heading_path[-1]) if index.knows(t)) if c.heading_path else () for c in chunks
        ]

    def weigh(
        self, stem: str, options: Sequence[str], stem_vector: np.ndarray, option_vectors: np.ndarray
    ) -> tuple[list[OptionEvidence], QuestionSignals]:
        """Evidence for each option; the vectors embed the stem and each option alone."""
        stem_dense = self.vectors @ stem_vector
        stem_weights = self.index.subject_weights(stem)
        stem_relevance = _relu(stem_dense) + self.index.coverage(stem_weights)
        option_dense = (self.vectors @ option_vectors.T).T
        evidence = []
        option_weights = distinctive_weights(self.index, stem, options)
        founds = [self.index.coverage(weights) for weights in option_weights]
        all_scores = [
            stem_relevance * (found + OPTION_DENSE * _relu(dense))
            for found, dense in zip(founds, option_dense, strict=True)
        ]
        telling = telling_stem_weights(
            stem_weights, [self._best_terms(scores, CONTRAST_PASSAGES) for scores in all_scores]
        )
        for at, (option, weights, dense, found, passage_scores) in enumerate(
            zip(options, option_weights, option_dense, founds, all_scores, strict=True)
        ):
            best = np.argsort(-passage_scores, kind="stable")[:PASSAGES_READ]
            others = (*option_weights[:at], *option_weights[at + 1 :])
            probe = _Probe(stem_dense, stem_weights, telling, weights, others, dense, bool(NEGATION.search(option)))
            scored = sorted(
                ((self._evidence(int(row), float(passage_scores[row]), probe), int(row)) for row in best),
                key=lambda pair: -pair[0].score,
            )
            passages = [e for e, _ in scored]
            ruled_out = acts_on_existing(stem, option) and self._rules_out(
                option, frozenset(stem_weights), [row for _, row in scored[:2]]
            )
            evidence.append(
                OptionEvidence(
                    support=passages[0].score * (RULED_OUT if ruled_out else 1.0),
                    passages=tuple(passages[:2]),
                    found_share=float(found[best[0]]),
                )
            )
        return evidence, QuestionSignals(stem_similarity=float(stem_dense.max(initial=0.0)))

    def _best_terms(self, scores: np.ndarray, count: int) -> frozenset[str]:
        """The terms of the `count` best-scoring passages together."""
        best = np.argsort(-scores, kind="stable")[:count]
        return frozenset().union(*(self.index.chunk_terms(int(row)) for row in best))

    def _rules_out(self, option: str, stem_terms: frozenset[str], rows: Sequence[int]) -> bool:
        """Whether a line of these passages fixes at creation what the option acts on (named by it, or by the
        passage's title when the option names most of that title: "local secondary index" for "LSI (Local
        Secondary Index)")."""
        option_terms = frozenset(t for t in terms(option) if self.index.knows(t))
        for row in rows:
            title = frozenset(self._titles[row])
            named_title = title if text_coverage(option_terms, {t: self.index.idf(t) for t in title}) >= 0.5 else set()
            if rules_out(self.chunks[row].text.split("\n"), option_terms | named_title, stem_terms, self.index):
                return True
        return False

    def _evidence(self, row: int, passage_score: float, probe: _Probe) -> Evidence:
        """Passage `row` for the option, scored by the passage and its best window of three lines together; weaker
        when the window's line that names the option most has the other polarity ("X cannot ..." for "X can ...").
        """
        line_terms = [frozenset(line) for line in self.index.analysis.passages[row].lines]
        lent = [frozenset() if probe.owned_by_other(line) else line for line in line_terms]
        windows = [frozenset().union(line_terms[at], *lent[max(0, at - 1) : at + 2]) for at in range(len(line_terms))]
        scores = [probe.window_score(row, window) for window in windows]
        best_at = int(np.argmax(scores))
        chunk = self.chunks[row]
        lines = chunk.text.split("\n")
        window = range(max(0, best_at - 1), min(len(lines), best_at + 2))
        stating = max(window, key=lambda at: text_coverage(line_terms[at], probe.weights))
        polarity_differs = bool(NEGATION.search(lines[stating])) != probe.negative
        contradicted = polarity_differs and bool(line_terms[stating] & probe.weights.keys())
        return Evidence(
            citation=Citation(chunk.source, chunk.heading_path, chunk.start_line, chunk.end_line, pages=chunk.pages),
            quote=shorten(" ".join(lines[window.start : window.stop])),
            score=(passage_score + scores[best_at]) * (NEGATED_EVIDENCE if contradicted else 1.0),
        )


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` as plain words on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(quote_text(text).split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0] + "…"
