"""Hybrid retrieval: dense (FAISS) and BM25 candidates, blended on normalised scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.knowledge.chunking import Chunk, topics_of
from bot.knowledge.embedder import Embedder
from bot.knowledge.index_store import NotesIndex
from bot.knowledge.lexical import Vocabulary, terms
from bot.knowledge.passages import PassagePacker

CANDIDATE_POOL = 100


@dataclass(frozen=True)
class FusionWeights:
    """How much the dense score counts against the keyword score (both scaled to 0..1 per query)."""

    dense: float = 0.6


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float
    dense: float
    lexical: float
    chunk: Chunk


class Retriever:
    """Searches one loaded index; `search_many` embeds a batch of questions in one model call."""

    def __init__(self, index: NotesIndex, embedder: Embedder, weights: FusionWeights | None = None) -> None:
        self.index = index
        self.embedder = embedder
        self.weights = weights or FusionWeights()
        self.vocabulary = Vocabulary(c.embed_text for c in index.chunks)
        self.packer = PassagePacker(index.chunks)
        self.topics: list[str] = topics_of(index.chunks)
        self._topic_rows: dict[str, set[int]] = {topic: set() for topic in self.topics}
        for row, chunk in enumerate(index.chunks):
            self._topic_rows[chunk.topic].add(row)

    @property
    def chunks(self) -> list[Chunk]:
        return self.index.chunks

    def warm_up(self) -> None:
        """Run one search so the first member's question pays no start-up cost."""
        self.search("warm up the notes index")

    def query_terms(self, query: str) -> list[str]:
        """Stemmed keyword terms of the question after repairing typos against the notes' words."""
        return terms(self.vocabulary.repair(query))

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
        return np.asarray(self.index.bm25.get_scores(query_terms), dtype=np.float32)

    def search_vector(self, query: str, vector: np.ndarray, k: int = 5, topic: str | None = None) -> list[Hit]:
        """The k best chunks for `query` whose embedding is `vector`, optionally within one top-level topic."""
        lexical = self.lexical_scores(query)
        allowed = self._topic_rows.get(topic) if topic else None
        pool = min(len(self.chunks), CANDIDATE_POOL)
        _, dense_rows = self.index.faiss_index.search(vector.reshape(1, -1), pool)
        candidates = set(int(r) for r in dense_rows[0] if r >= 0)
        candidates.update(int(r) for r in np.argsort(-lexical)[:pool])
        if allowed is not None:
            candidates = (candidates & allowed) or set(allowed)
        rows = np.array(sorted(candidates), dtype=np.int64)
        if rows.size == 0:
            return []
        dense = self.index.vectors[rows] @ vector
        lex = lexical[rows]
        blended = self.weights.dense * _scaled(dense) + (1 - self.weights.dense) * _scaled(lex)
        hits: list[Hit] = []
        covered: set[int] = set()
        for j in np.argsort(-blended, kind="stable"):
            if len(hits) == k:
                break
            row = int(rows[j])
            if row in covered:  # already shown inside a better hit's passage
                continue
            passage, passage_rows = self.packer.passage(row)
            covered.update(passage_rows)
            hits.append(Hit(len(hits) + 1, float(blended[j]), float(dense[j]), float(lex[j]), passage))
        return hits


def _scaled(scores: np.ndarray) -> np.ndarray:
    """Scores mapped to 0..1 over the candidate pool (all zero when they are all equal)."""
    low, high = float(scores.min()), float(scores.max())
    if high - low < 1e-9:
        return np.zeros_like(scores)
    return (scores - low) / (high - low)
