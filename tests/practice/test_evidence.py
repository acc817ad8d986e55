"""Evidence for an option from made-up notes: lines of the other polarity count less, of the same polarity fully."""

from __future__ import annotations

import numpy as np
import pytest

from bot.knowledge.analysis.notes import NotesAnalysis
from bot.knowledge.chunking import Chunk
from bot.knowledge.practice.evidence import EvidenceFinder
from bot.knowledge.practice.term_index import TermIndex

NOTES = (
    ("Replication", "- Only objects written after replication is enabled are copied\n- Copies are not retroactive"),
    ("Versioning", "- Versioning keeps every version of an object\n- Versions can be restored"),
    ("Glacier", "- Archives are retrieved in hours\n- Retrieval has three speeds"),
)
STEM = "Why are the objects already in the bucket missing from the replica after replication was enabled?"


def _finder() -> EvidenceFinder:
    chunks = [
        Chunk(f"c{row}", "notes.md", (title,), row * 10 + 1, row * 10 + 3, text)
        for row, (title, text) in enumerate(NOTES)
    ]
    return EvidenceFinder(chunks, np.zeros((len(chunks), 4), dtype=np.float32), TermIndex(NotesAnalysis.of(chunks)))


def _support(options: list[str]) -> list[float]:
    vectors = np.zeros((len(options), 4), dtype=np.float32)
    evidence, _ = _finder().weigh(STEM, options, np.zeros(4, dtype=np.float32), vectors)
    return [e.support for e in evidence]


def test_an_option_that_says_what_the_notes_deny_counts_less_than_one_that_agrees() -> None:
    agrees, denies, _ = _support(["Copies are not retroactive", "Copies are retroactive", "Versions are restored"])
    assert agrees > denies > 0


def test_words_the_notes_never_use_neither_help_nor_hurt_an_option() -> None:
    plain = _support(["Versions are restored", "Archives are retrieved in hours"])
    with_unknown_words = _support(["Versions are restored within 95 zorblats", "Archives are retrieved in hours"])
    assert plain[0] > 0
    assert with_unknown_words == pytest.approx(plain)
