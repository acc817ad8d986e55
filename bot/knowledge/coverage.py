"""How well the retrieved passages cover a question: a few named, explainable measures.

These are the inputs of the learned answerability model (bot/knowledge/answerability.py) and what a partial or
declined answer cites as missing: technical names the notes never use, names they use elsewhere but not in the
passages found (so those passages are about something else), the question's key words no line covers, or the kind
of quantity asked (a duration, a price, ...) that no line about the subject gives.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.knowledge.abstention import NotesLexicon, named_things, unknown_technical_terms
from bot.knowledge.analysis.analyser import STOP_WORDS, stem_all, terms, words
from bot.knowledge.analysis.idf import floored_idf
from bot.knowledge.analysis.notes import NotesAnalysis
from bot.knowledge.answer_types import AnswerType, asked_type, cue_words, gives
from bot.knowledge.outline import ancestors, parents
from bot.knowledge.profile import active_profile
from bot.knowledge.retriever import Hit
from bot.knowledge.unfamiliar import english_rarity, unfamiliar_words

COVER_HITS = 3  # passages looked at
QUESTION_WORDS = frozenset({"vs", "versus", "difference", "differences", "compare", "compared", "much", "many"})
SPLIT = re.compile(r"[-.@]")  # a compound's parts are counted, not the compound itself


@dataclass
class TermWeights:
    """Inverse document frequency of terms over the passages (`idf.floored_idf`): rarer words say more about
    relevance, and every word asked keeps some weight."""

    df: Counter[str] = field(default_factory=Counter)
    n: int = 1

    @classmethod
    def of(cls, analysis: NotesAnalysis) -> TermWeights:
        """The document frequencies of the index's analysis."""
        return cls(analysis.document_frequency, max(1, analysis.size))

    def idf(self, term: str) -> float:
        return floored_idf(self.n, self.df.get(term, 0))

    def share(self, wanted: set[str], present: set[str]) -> float:
        """The idf-weighted share of `wanted` terms found in `present` (0 when nothing is wanted).

        Terms the notes never use are left out: they are counted as unknown names or are plain chatter.
        """
        wanted = {t for t in wanted if t in self.df}
        total = sum(self.idf(t) for t in wanted)
        return sum(self.idf(t) for t in wanted & present) / total if total else 0.0


COVERED_FEATURES = ("dense", "coverage", "top_cover", "line_cover", "unknown_terms")  # is the subject covered?
KIND_FEATURES = ("typed_cover", "typed_lack")  # does a line about it give the kind asked?
STATED_FEATURES = ("strange",)  # is the thing asked itself stated about the subject?


@dataclass(frozen=True)
class Coverage:
    """The measures for one question (each 0..1 except `unknown_terms`, a count) and what is missing."""

    dense: float  # cosine similarity of the best passage
    coverage: float  # share of the question's terms found in the first passages
    top_cover: float  # idf-weighted share of the subject terms in the best passage
    line_cover: float  # the same for the best single line (with its headings)
    typed_cover: float  # the same for the best line giving the asked kind of quantity (= line_cover if none)
    unknown: tuple[str, ...]  # technical names the notes never use
    strange: tuple[str, ...]  # plain subject words the notes never use in any form (`unfamiliar.uses`)
    elsewhere: tuple[str, ...]  # names the notes use, but none of the first passages does
    answer_type: AnswerType | None
    subject: tuple[str, ...]  # the question's key words (as written), in order
    missing: tuple[str, ...]  # key words no line of the first passages covers

    def values(self) -> dict[str, float]:
        """Every measure by name (the models' inputs)."""
        return {
            "dense": self.dense,
            "coverage": self.coverage,
            "top_cover": self.top_cover,
            "line_cover": self.line_cover,
            "typed_cover": self.typed_cover,
            "typed_lack": 1 - self.typed_cover / self.line_cover if self.line_cover else 0.0,
            "unknown_terms": float(min(2, len(self.unknown))),
            "strange": max((english_rarity(w) for w in self.strange), default=0.0),
        }

    def vector(self, names: tuple[str, ...]) -> np.ndarray:
        """The named measures, in that order."""
        values = self.values()
        return np.array([values[name] for name in names], dtype=np.float64)


def _subject(question: str) -> list[tuple[str, str]]:
    """(word as written, its term) for the question's content words that do not only name the answer kind, in order."""
    cues = cue_words(question)
    pairs: dict[str, str] = {}
    raw = [
        w
        for w in words(question)
        if len(w) > 1 and w not in STOP_WORDS and w not in cues and w not in QUESTION_WORDS and not SPLIT.search(w)
    ]
    for word, term in zip(raw, stem_all(raw), strict=True):
        pairs.setdefault(term, word)
    return [(w, t) for t, w in pairs.items()]


def _lines(hit: Hit) -> list[tuple[str, set[str], set[str]]]:
    """Each line of a passage with its terms in context, and with those of its neighbours too.

    A line's context is its headings and the bullets it sits under; a quantity's line is also read with the lines
    either side ("Max size is 512MB" next to "The directory content remains ...").
    """
    heading_terms = set(terms(" ".join(hit.passage.heading_path)))
    lines = hit.passage.text.split("\n")
    own = [set(terms(line)) for line in lines]
    parent_of = parents(lines)
    found = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        context = own[i].union(heading_terms, *(own[a] for a in ancestors(lines, i, parent_of)))
        found.append((line, context, context.union(*own[max(0, i - 1) : i + 2])))
    return found


def measure(question: str, hits: Sequence[Hit], lexicon: NotesLexicon, weights: TermWeights) -> Coverage:
    """The coverage measures of `hits` (best first) for `question` (already cleaned and typo-repaired)."""
    subject = _subject(question)
    wanted = {t for _, t in subject}
    first = hits[:COVER_HITS]
    passage_terms = [set(terms(h.passage.embed_text)) for h in first]
    present = set().union(*passage_terms) if passage_terms else set()
    all_terms = set(terms(question))
    coverage = len(all_terms & present) / len(all_terms) if all_terms else 0.0
    lines = [line for hit in first for line in _lines(hit)]
    line_cover = max((weights.share(wanted, t) for _, t, _ in lines), default=0.0)
    kind = asked_type(question)
    unknown = unknown_technical_terms(question, lexicon)
    typed_cover = (
        min(line_cover, max((weights.share(wanted, t) for text, _, t in lines if gives(text, kind)), default=0.0))
        if kind is not None
        else line_cover
    )
    return Coverage(
        dense=hits[0].dense if hits else 0.0,
        coverage=coverage,
        top_cover=weights.share(wanted, passage_terms[0]) if passage_terms else 0.0,
        line_cover=line_cover,
        typed_cover=typed_cover,
        unknown=unknown,
        strange=unfamiliar_words([w for w, _ in subject], lexicon),
        elsewhere=tuple(
            name
            for name in named_things(question, {p.lower() for p in active_profile().name_prefixes})
            if name not in unknown and terms(name) and set(terms(name)).isdisjoint(present)
        ),
        answer_type=kind,
        subject=tuple(w for w, _ in subject),
        missing=tuple(w for w, t in subject if t not in present),
    )


def what_is_missing(coverage: Coverage) -> str:
    """What the notes do not say about the question, as the opening of a partial or declined answer."""
    if coverage.unknown:
        return f"The notes never mention {', '.join(coverage.unknown[:3])}"
    if coverage.elsewhere:
        return f"The closest notes don't mention {', '.join(coverage.elsewhere[:3])}"
    subject = " ".join(coverage.subject[:4])
    kind = coverage.answer_type
    if kind is not None and coverage.typed_cover < coverage.line_cover:
        return f"The notes don't give {kind.label} for {subject}" if subject else f"The notes don't give {kind.label}"
    if coverage.missing:
        rarest = sorted(coverage.missing, key=english_rarity, reverse=True)[:3]  # the most telling, in their order
        return f"The notes say nothing about {', '.join(w for w in coverage.missing if w in rarest)}"
    return f"The notes don't say exactly that about {subject}" if subject else "The notes don't say exactly that"
