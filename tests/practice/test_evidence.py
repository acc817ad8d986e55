"""Evidence for an option from made-up notes: lines of the other polarity count less, of the same polarity fully."""

from __future__ import annotations

import numpy as np
import pytest

from bot.knowledge.analysis.notes import NotesAnalysis
from bot.knowledge.chunking import Chunk
from bot.knowledge.practice import evidence
from bot.knowledge.practice.evidence import EvidenceFinder, telling_stem_weights
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


def _supports(notes: tuple[tuple[str, str], ...], stem: str, options: list[str]) -> list[float]:
    chunks = [
        Chunk(f"c{row}", "notes.md", (title,), row * 10 + 1, row * 10 + 3, text)
        for row, (title, text) in enumerate(notes)
    ]
    finder = EvidenceFinder(chunks, np.zeros((len(chunks), 4), dtype=np.float32), TermIndex(NotesAnalysis.of(chunks)))
    vectors = np.zeros((len(options), 4), dtype=np.float32)
    evidence, _ = finder.weigh(stem, options, np.zeros(4, dtype=np.float32), vectors)
    return [e.support for e in evidence]


def test_a_line_naming_another_option_lends_nothing_to_a_window_around_its_neighbour() -> None:
    placement = (
        "- Binpack: packs tasks onto the fewest instances\n- Both are set per service\n- Random: places tasks anywhere"
    )
    notes = (
        ("Placement strategies", placement),
        ("Scaling", "- Scaling adds instances when load grows\n- Cooldowns slow scaling down"),
        ("Logging", "- Logs are kept for thirty days\n- Log groups hold streams"),
    )
    binpack, random = _supports(notes, "Which strategy uses the fewest instances?", ["Binpack", "Random"])
    assert binpack > random > 0


def test_stem_words_beside_every_option_tell_them_apart_less_than_words_beside_one() -> None:
    passages = [frozenset({"keys", "outside"}), frozenset({"keys"})]
    assert telling_stem_weights({"keys": 2.0, "outside": 3.0}, passages) == {"keys": 0.0, "outside": 1.5}


def test_a_stem_word_found_beside_one_option_only_widens_its_lead(monkeypatch: pytest.MonkeyPatch) -> None:
    notes = (
        ("Managed keys", "- Vaultkey encrypts objects with keys managed by the cloud"),
        ("Customer keys", "- Cloakkey encrypts objects with keys managed outside the cloud"),
        ("Logging", "- Logs are kept for thirty days\n- Log groups hold streams"),
    )
    stem = "Objects must be encrypted with keys managed outside the cloud. Which feature should be used?"
    monkeypatch.setattr(evidence, "CONTRAST_PASSAGES", 1)
    vaultkey, cloakkey = _supports(notes, stem, ["Vaultkey", "Cloakkey"])
    monkeypatch.setattr(evidence, "CONTRAST_WEIGHT", 0.0)
    vaultkey_alone, cloakkey_alone = _supports(notes, stem, ["Vaultkey", "Cloakkey"])
    assert cloakkey / vaultkey > cloakkey_alone / vaultkey_alone > 1
