"""Reranking the best retrieval candidates with a learned, explainable score.

The first stage (bot/knowledge/retriever.py) blends dense and BM25 scores. The best RERANK_POOL chunks it finds are
then ordered by a logistic regression over a few named measures of how a chunk matches the question:

- blend: the first stage's score (0..1 over the candidates);
- line_cover: idf-weighted share of the question's terms found on the chunk's best single line, read with its
  headings: a fact is stated on one line, so a chunk that merely mentions the words apart ranks lower;

Separate dense and BM25 measures, the whole chunk's or the heading path's share of the question's terms were tried
and left out: on the generated questions (built from a line's own rare words) they learn to trust exact words, which
members' own wording does not share. Whether a line gives the kind of quantity asked (a duration, a size, ...) was
tried too and learned a weight of about 0: the answer model judges that instead (docs/quality.md).

The weights are fitted when the index is built, on questions generated from the notes themselves
(bot/knowledge/rerank_training.py), and stored beside the index as JSON (`reranker.json`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from bot.errors import IndexCorrupt
from bot.knowledge.analysis.notes import NotesAnalysis
from bot.knowledge.chunking import Chunk
from bot.knowledge.logistic import Stage

RERANK_MODEL_FILE = "reranker.json"
RERANK_POOL = 20  # first-stage candidates reordered by the model
RERANK_FEATURES = ("blend", "line_cover")


class CandidateMeasures:
    """Each candidate chunk's non-blank lines' terms, each with its heading path's (made from the analysis when
    asked, a few hundred small sets per question, so a loaded index holds no sets), and the terms' rarity over
    the chunks (`NotesAnalysis.floored_idf`); `analysis` is the chunks' own."""

    def __init__(self, chunks: Sequence[Chunk], analysis: NotesAnalysis) -> None:
        self.chunks = chunks
        self.analysis = analysis

    def line_terms(self, row: int) -> list[frozenset[str]]:
        """Chunk `row`'s non-blank lines' terms, each with its heading path's."""
        passage, text = self.analysis.passages[row], self.chunks[row].text
        heading = frozenset(passage.heading)
        return [frozenset(line) | heading for line, t in zip(passage.lines, text.split("\n"), strict=True) if t.strip()]

    def _share(self, wanted: dict[str, float], found: frozenset[str]) -> float:
        total = sum(wanted.values())
        return sum(w for t, w in wanted.items() if t in found) / total if total else 0.0

    def rows(self, query_terms: Sequence[str], candidates: np.ndarray, blend: np.ndarray) -> np.ndarray:
        """The measures (n × len(RERANK_FEATURES)) of the candidate rows; `blend` is aligned with them."""
        df = self.analysis.document_frequency
        wanted = {t: self.analysis.floored_idf(t) for t in dict.fromkeys(query_terms) if t in df}
        out = np.zeros((len(candidates), len(RERANK_FEATURES)), dtype=np.float64)
        for i, row in enumerate(int(r) for r in candidates):
            out[i] = (blend[i], max((self._share(wanted, line) for line in self.line_terms(row)), default=0.0))
        return out


@dataclass(frozen=True)
class Reranker:
    """The fitted model: a higher score ranks a candidate first."""

    stage: Stage

    def scores(self, measures: np.ndarray) -> np.ndarray:
        return self.stage.scores(measures)

    @property
    def report(self) -> dict[str, float]:
        return self.stage.report

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Reranker:
        """The model stored at `path`; raises IndexCorrupt when it is unreadable or for other measures."""
        try:
            model = cls(Stage.of(json.loads(path.read_text(encoding="utf-8"))["stage"]))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise IndexCorrupt(f"The reranker {path} is unreadable ({error}); run `tutorbot build-index`.") from error
        if model.stage.features != RERANK_FEATURES:
            raise IndexCorrupt(f"The reranker {path} uses other measures; run `tutorbot build-index`.")
        return model
