"""Hybrid retrieval: dense (FAISS) and BM25 candidates, blended on normalised scores, the best reranked by a
learned model when the index has one (bot/knowledge/reranking.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.knowledge.analysis.notes import NotesAnalysis
from bot.knowledge.chunking import Chunk, topics_of
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.artifacts import NotesIndex
from bot.knowledge.index.fusion import FusionWeights, blend
from bot.knowledge.passages import PassagePacker
from bot.knowledge.reranking import RERANK_POOL, CandidateMeasures, Reranker

CANDIDATE_POOL = 100


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float  # what the hits are ordered by, 0..1: the reranker's probability, else the blend
    dense: float
    lexical: float
    passage: Chunk  # the packed passage shown and cited for this hit
    blend: float = 0.0  # the first stage's dense + BM25 blend, 0..1 over the candidates


@dataclass(frozen=True)
class Candidates:
    """First-stage candidates of one question, best first: chunk rows and their scores (aligned arrays)."""

    rows: np.ndarray
    dense: np.ndarray
    lexical: np.ndarray  # raw BM25
    blend: np.ndarray


class Retriever:
    """Searches one loaded index; `search_many` embeds a batch of questions in one model call.

    `analysis` is the index's keyword analysis (analysed here when not given); the answerer, abstention and the
    practice checker over this retriever read it too (`retriever.analysis`).
    """

    def __init__(
        self,
        index: NotesIndex,
        embedder: Embedder,
        weights: FusionWeights | None = None,
        reranker: Reranker | None = None,
        analysis: NotesAnalysis | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.weights = weights or FusionWeights()
        self.reranker = reranker
        self.analysis = analysis or NotesAnalysis.of(index.chunks)
        self.measures = CandidateMeasures(index.chunks, self.analysis)
        self.vocabulary = self.analysis.vocabulary
        self.packer = PassagePacker(index.chunks)
        self.topics: list[str] = topics_of(index.chunks)
        self._topic_rows: dict[str, set[int]] = {topic: set() for topic in self.topics}
        for row, chunk in enumerate(index.chunks):
            self._topic_rows[chunk.topic].add(row)

    @property
    def chunks(self) -> list[Chunk]:
        return self.index.chunks

    def warm_up(self) -> None:
        """Run one search so the first member's question pays no start-up cost; nothing when the embedder is
        already warm (another index loaded in this process: a server's notes loaded for its first question)."""
        if not self.embedder.warmed:
            self.search("warm up the notes index")

    def query_terms(self, query: str) -> list[str]:
        """Stemmed keyword terms of the question after repairing typos against the notes' words."""
        return self.analysis.analyser.terms(self.vocabulary.repair(query))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of texts as written, in one model call."""
        return self.embedder.encode(list(texts), batch_size=max(1, len(texts)))

    def embed_questions(self, questions: Sequence[str]) -> np.ndarray:
        """Question vectors, typos repaired first (a misspelt word throws the model off more than BM25)."""
        return self.embed([self.vocabulary.repair_in_place(q) for q in questions])

    def search(self, query: str, k: int = 5, topic: str | None = None) -> list[Hit]:
        return self.search_vector(query, self.embed_questions([query])[0], k, topic)

    def search_many(self, queries: Sequence[str], k: int = 5, topic: str | None = None) -> list[list[Hit]]:
        vectors = self.embed_questions(queries)
        return [self.search_vector(q, v, k, topic) for q, v in zip(queries, vectors, strict=True)]

    def lexical_scores(self, query: str) -> np.ndarray:
        query_terms = self.query_terms(query)
        if not query_terms:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return self.index.sparse.scores(query_terms)

    def candidates(self, query: str, vector: np.ndarray, topic: str | None = None) -> Candidates:
        """Dense and BM25 candidates of `query` (embedded as `vector`), ordered by the blend of both scores."""
        lexical = self.lexical_scores(query)
        allowed = self._topic_rows.get(topic) if topic else None
        pool = min(len(self.chunks), CANDIDATE_POOL)
        _, dense_rows = self.index.dense.search(vector, pool)
        found = set(int(r) for r in dense_rows if r >= 0)
        found.update(int(r) for r in np.argsort(-lexical)[:pool])
        if allowed is not None:
            found = (found & allowed) or set(allowed)
        rows = np.array(sorted(found), dtype=np.int64)
        dense = self.index.vectors[rows] @ vector if rows.size else np.zeros(0, dtype=np.float32)
        lex = lexical[rows]
        blended = blend(dense, lex, self.weights)
        order = np.argsort(-blended, kind="stable")
        return Candidates(rows[order], dense[order], lex[order], blended[order])

    def rerank_measures(self, query: str, found: Candidates, pool: int = RERANK_POOL) -> np.ndarray:
        """The reranker's measures for the first `pool` candidates (bot/knowledge/reranking.py)."""
        top = slice(0, min(pool, len(found.rows)))
        return self.measures.rows(self.query_terms(query), found.rows[top], found.blend[top])

    def ranked(self, query: str, found: Candidates) -> tuple[np.ndarray, np.ndarray]:
        """Candidate positions in final order and their relevance (0..1, descending): the first RERANK_POOL by the
        reranker's probability (when there is one), then the rest as the blend ordered them, scaled below."""
        order = np.arange(len(found.rows))
        if self.reranker is None or len(order) < 2:
            return order, found.blend
        head = min(RERANK_POOL, len(order))
        probability = 1 / (
            1 + np.exp(-np.clip(self.reranker.scores(self.rerank_measures(query, found, head)), -60, 60))
        )
        first = np.argsort(-probability, kind="stable")
        rest = found.blend[head:] * float(probability.min())
        return np.concatenate([first, order[head:]]), np.concatenate([probability[first], rest])

    def search_vector(self, query: str, vector: np.ndarray, k: int = 5, topic: str | None = None) -> list[Hit]:
        """The k best passages for `query` whose embedding is `vector`, optionally within one top-level topic."""
        found = self.candidates(query, vector, topic)
        hits: list[Hit] = []
        covered: set[int] = set()
        order, relevance = self.ranked(query, found)
        for j, relevant in zip(order, relevance, strict=True):
            if len(hits) == k:
                break
            row = int(found.rows[j])
            if row in covered:  # already shown inside a better hit's passage
                continue
            passage, passage_rows = self.packer.passage(row)
            covered.update(passage_rows)
            scores = float(relevant), float(found.dense[j]), float(found.lexical[j])
            hits.append(Hit(len(hits) + 1, *scores, passage, blend=float(found.blend[j])))
        return hits
