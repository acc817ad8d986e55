"""Lines that fix a thing at creation rule out options that change it on something that already exists."""

from __future__ import annotations

import numpy as np
import pytest

from bot.knowledge.analysis.notes import NotesAnalysis
from bot.knowledge.chunking import Chunk
from bot.knowledge.practice.evidence import RULED_OUT, EvidenceFinder
from bot.knowledge.practice.ruling_out import acts_on_existing, fixed_subjects
from bot.knowledge.practice.term_index import TermIndex

NOTES = (
    ("Cluster - CSK (Compound Shard Key)", "- Up to five per cluster\n- CSK must be defined at cluster creation time"),
    ("Cluster - FRX (Floating Replica Index)", "- A floating replica index can be added to any cluster"),
    ("Cluster basics", "- Each cluster has a name (decided once at creation)\n- Clusters hold records"),
    ("Backups", "- Snapshots are taken daily\n- Restores make a new cluster"),
)


def _index() -> tuple[list[Chunk], TermIndex]:
    chunks = [
        Chunk(f"c{row}", "notes.md", ("Cluster", title), row * 10 + 1, row * 10 + 3, text)
        for row, (title, text) in enumerate(NOTES)
    ]
    return chunks, TermIndex(NotesAnalysis.of(chunks))


def test_the_subject_of_a_fixed_at_creation_clause_is_its_rarest_words() -> None:
    _, index = _index()
    assert fixed_subjects("- CSK must be defined at cluster creation time", index) == [frozenset({"csk", "cluster"})]
    assert fixed_subjects("- Each cluster has a name (decided once at creation)", index) == [
        frozenset({"name", "cluster"})
    ]
    assert fixed_subjects("- Snapshots are taken daily", index) == []


def test_an_option_acts_on_what_exists_unless_it_makes_something_new() -> None:
    assert acts_on_existing("A team has a cluster.", "Add a shard key to the existing cluster")
    assert acts_on_existing("An existing cluster must be sharded.", "Add a compound shard key")
    assert not acts_on_existing("An existing cluster must be sharded.", "Restore a new cluster from a snapshot")
    assert not acts_on_existing("A team plans a cluster.", "Add a compound shard key")


def test_an_option_changing_on_an_existing_thing_what_the_notes_fix_at_creation_loses_support() -> None:
    chunks, index = _index()
    finder = EvidenceFinder(chunks, np.zeros((len(chunks), 4), dtype=np.float32), index)
    stem = "A team must query records of a cluster by a second key. What should the team do?"

    def support(first: str) -> float:
        options = [first, "Add a floating replica index", "Take daily snapshots of the cluster"]
        vectors = np.zeros((3, 4), dtype=np.float32)
        return finder.weigh(stem, options, np.zeros(4, dtype=np.float32), vectors)[0][0].support

    on_existing = support("Add a compound shard key to the existing cluster")
    elsewhere = support("Add a compound shard key to the present cluster")  # words the notes never use count not
    assert 0 < on_existing < elsewhere
    assert on_existing == pytest.approx(RULED_OUT * elsewhere)
