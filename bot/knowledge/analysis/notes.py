"""The notes' side of keyword analysis, computed once per index: each passage's terms, its heading's and its
lines', the terms' document frequencies, and the notes' spelling vocabulary.

Retrieval (BM25 scores over the same terms, the reranker's line cover), answering (coverage measures and the
lines quoted), abstention (the notes' stems and passages) and the practice checker (its term index and line
windows) all read one `NotesAnalysis`, made by the `Retriever` of the index (or given to it), instead of each
stemming every chunk again.

A passage's terms are kept as tuples of strings, never as sets: the garbage collector stops tracking a tuple that
holds only strings, so the tens of thousands of term groups of a held notes bundle are not walked by every full
collection (sets always are; docs/benchmarks.md §9). Whoever needs a set makes it from the tuple.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.analysis.analyser import ENGLISH, TextAnalyser
from bot.knowledge.analysis.idf import floored_idf, vanishing_idf
from bot.knowledge.analysis.spelling import Vocabulary
from bot.knowledge.chunking import Chunk


@dataclass(frozen=True, slots=True)
class PassageTerms:
    """One chunk's keyword terms (stemmed content words), each group in order."""

    terms: tuple[str, ...]  # of its embedded text (heading path, then text), in order: what BM25 indexes
    heading: tuple[str, ...]  # of its heading path (the first terms of `terms`)
    lines: tuple[tuple[str, ...], ...]  # of each line of its text (split at "\n"; a blank line has none)

    @property
    def term_set(self) -> frozenset[str]:
        """`terms` as a set (made on each call)."""
        return frozenset(self.terms)


@dataclass(frozen=True)
class NotesAnalysis:
    """The analysed chunks of one index, aligned with them (`passages[row]` is chunk `row`'s).

    `document_frequency[t]` counts the chunks whose terms hold `t`; `size` is the number of chunks.
    """

    analyser: TextAnalyser
    passages: tuple[PassageTerms, ...]
    document_frequency: Counter[str]
    vocabulary: Vocabulary  # the notes' words, for repairing typos in questions

    @classmethod
    def of(cls, chunks: Sequence[Chunk], analyser: TextAnalyser = ENGLISH) -> NotesAnalysis:
        """Analyse `chunks` (in row order) with `analyser`."""
        words: Counter[str] = Counter()
        passages = tuple(_passage(chunk, analyser, words) for chunk in chunks)
        df: Counter[str] = Counter(t for p in passages for t in p.term_set)
        return cls(analyser, passages, df, Vocabulary(counts=words))

    @property
    def size(self) -> int:
        return len(self.passages)

    @property
    def stems(self) -> frozenset[str]:
        """Every term some chunk uses."""
        return frozenset(self.document_frequency)

    def floored_idf(self, term: str) -> float:
        """`idf.floored_idf` over the chunks (at least one counted, so empty notes give finite weights)."""
        return floored_idf(max(1, self.size), self.document_frequency.get(term, 0))

    def vanishing_idf(self, term: str) -> float:
        """`idf.vanishing_idf` over the chunks."""
        return vanishing_idf(self.size, self.document_frequency.get(term, 0))


def _passage(chunk: Chunk, analyser: TextAnalyser, words: Counter[str]) -> PassageTerms:
    """Chunk's terms from one pass over its heading path and lines (its words counted into `words`).

    No token spans a line break or a heading separator (`analyser.words`), so the terms of its embedded text are
    its heading path's, then each line's, in order: each line is analysed once and all are stemmed in one call.
    """
    parts = [analyser.words(" ".join(chunk.heading_path))]
    parts.extend(analyser.words(line) for line in chunk.text.split("\n"))
    for part in parts:
        words.update(part)
    content = [[w for w in part if w not in analyser.stop_words] for part in parts]
    terms = tuple(analyser.stems(w for part in content for w in part))
    split, at = [], 0
    for part in content:
        split.append(terms[at : at + len(part)])
        at += len(part)
    return PassageTerms(terms, split[0], tuple(split[1:]))
