"""The notes' profile: read from profile.toml beside the notes, neutral without one, followed by the text rules,
and part of what makes an index current."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.errors import IndexStale
from bot.indexing import CODE_CHANGED, index_problem, open_profile, source_hash
from bot.knowledge.embedder import Embedder
from bot.knowledge.profile import (
    NEUTRAL,
    CorpusProfile,
    ProfileError,
    activate,
    active_profile,
    load_profile,
    parse_profile,
    using_profile,
)
from bot.knowledge.questions import question_problem
from bot.quiz.comparisons import sides_of
from bot.quiz.normalise import normalise, singular
from bot.quiz.terms import acronym_map, is_trivial
from bot.settings import Settings

# A subject far from the default notes, so nothing here can pass by the default profile's words.
GARDEN = CorpusProfile(
    dropped_words=frozenset({"acme"}),
    invariant_plurals=frozenset({"lens"}),
    trivial_terms=frozenset({"plant"}),
    name_prefixes=("Acme",),
    example_question="How deep should tulip bulbs be planted?",
)


def test_notes_without_a_profile_get_the_neutral_one(tmp_path: Path) -> None:
    assert load_profile(tmp_path) == NEUTRAL
    assert NEUTRAL.exam.domains == () and NEUTRAL.exam.questions == 65 and NEUTRAL.exam.minutes == 130


@pytest.mark.parametrize("profile", [NEUTRAL, GARDEN])
def test_the_text_rules_follow_the_active_profile(profile: CorpusProfile) -> None:
    activate(profile)
    garden = profile is GARDEN
    assert (normalise("Acme Seed Drill") == "seed drill") is garden
    assert (singular("lens") == "lens") is garden
    assert is_trivial("plant") is garden
    assert ("SD" in acronym_map(["Use the Seed Drill (Acme SD) in spring."])) is garden
    assert (sides_of("Acme Hoe vs Rake") == ["Hoe", "Rake"]) is garden
    message = question_problem("   ")
    assert message is not None and ("tulip bulbs" in message.message) is garden


def test_activating_another_profile_forgets_what_the_last_one_normalised() -> None:
    activate(GARDEN)
    assert normalise("Acme Rake") == "rake"
    activate(NEUTRAL)
    assert normalise("Acme Rake") == "acme rake"


def test_a_profile_in_use_holds_for_its_own_thread_only_and_beats_the_activated_one() -> None:
    activate(NEUTRAL)
    barrier = threading.Barrier(2)

    def normalised(profile: CorpusProfile) -> list[str]:
        with using_profile(profile):
            seen = []
            for _ in range(50):
                barrier.wait()  # both threads normalise the same text at the same moment
                seen.append(normalise("Acme Rake"))
            return seen

    with ThreadPoolExecutor(2) as pool:
        garden, neutral = pool.map(normalised, (GARDEN, NEUTRAL))
    assert set(garden) == {"rake"} and set(neutral) == {"acme rake"}
    assert active_profile() is NEUTRAL and normalise("Acme Rake") == "acme rake"


def test_the_default_notes_profile_maps_every_top_level_section(default_profile: CorpusProfile) -> None:
    weights = {d.name: d.weight for d in default_profile.exam.domains}
    assert weights == {
        "Development with AWS Services": 32,
        "Security": 26,
        "Deployment": 24,
        "Troubleshooting and Optimization": 18,
    }
    notes = (Path(__file__).parents[2] / "corpus" / "aws-developer-associate.md").read_text(encoding="utf-8")
    sections = [line[2:].strip() for line in notes.splitlines() if line.startswith("# ")]
    mapped = [s for d in default_profile.exam.domains for s in d.sections]
    assert sorted(mapped) == sorted(sections)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("[words\n", "not valid TOML"),
        ('[words]\ndropped = "acme"\n', "words.dropped has the wrong type"),
        ("[words]\ndropped = [1]\n", "words.dropped must be a list of non-empty strings"),
        ('[[exam.domains]]\nname = "Soil"\nweight = 0\n', r"exam.domains\[1\].weight must be a number above 0"),
        ('[[exam.domains]]\nname = "Soil"\nweight = true\n', r"exam.domains\[1\].weight has the wrong type"),
        ('[[exam.domains]]\nname = "Soil"\nweight = 1\n[[exam.domains]]\nname = "Soil"\nweight = 2\n', "a name of"),
        ("[exam]\nminutes = 0\n", "whole numbers above 0"),
        ("exam = 3\n", "exam has the wrong type"),
    ],
)
def test_a_bad_profile_is_refused_naming_the_file_and_the_key(tmp_path: Path, text: str, complaint: str) -> None:
    (tmp_path / "profile.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=complaint) as refused:
        load_profile(tmp_path)
    assert str(tmp_path / "profile.toml") in str(refused.value)


def test_exam_domains_are_read_in_order_with_their_sections() -> None:
    profile = parse_profile(
        {"exam": {"name": "Gardening 101", "questions": 40, "minutes": 60, "domains": [
            {"name": "Soil", "weight": 60, "sections": ["Soil", "Compost"]},
            {"name": "Plants", "weight": 40.5},
        ]}}
    )  # fmt: skip
    assert profile.exam.name == "Gardening 101" and (profile.exam.questions, profile.exam.minutes) == (40, 60)
    assert [(d.name, d.weight, d.sections) for d in profile.exam.domains] == [
        ("Soil", 60, ("Soil", "Compost")),
        ("Plants", 40.5, ()),
    ]


def test_a_changed_profile_makes_the_index_stale(small_settings: Settings, embedder: Embedder) -> None:
    assert index_problem(small_settings, embedder) is None
    (small_settings.paths.corpus_dir / "profile.toml").write_text('[words]\ndropped = ["acme"]\n', encoding="utf-8")
    problem = index_problem(small_settings, embedder)
    assert isinstance(problem, IndexStale) and "profile.toml or errata.toml changed" in str(problem)
    assert open_profile(small_settings).dropped_words == {"acme"}


def test_new_errata_make_the_index_stale(small_settings: Settings, embedder: Embedder) -> None:
    assert index_problem(small_settings, embedder) is None
    errata = '[[outdated]]\nmatch = "two small moons"\ncurrent = "Five are known now."\nsource = "Survey 2040"\n'
    (small_settings.paths.corpus_dir / "errata.toml").write_text(errata, encoding="utf-8")
    assert isinstance(index_problem(small_settings, embedder), IndexStale)
    assert open_profile(small_settings).errata.entries[0].current == "Five are known now."


def test_an_upgraded_generator_makes_the_index_stale(
    small_settings: Settings, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert index_problem(small_settings, embedder) is None
    monkeypatch.setattr("bot.indexing.code_hash", lambda: "the hash of other quiz and answer code")
    problem = index_problem(small_settings, embedder)
    assert isinstance(problem, IndexStale) and str(problem) == CODE_CHANGED


def test_the_code_hash_follows_every_source_file(tmp_path: Path) -> None:
    (tmp_path / "quiz").mkdir()
    (tmp_path / "quiz" / "cloze.py").write_text("BLANK = '_____'\n")
    (tmp_path / "quiz" / "notes.txt").write_text("not code\n")
    before = source_hash(tmp_path, [tmp_path / "quiz"])
    (tmp_path / "quiz" / "notes.txt").write_text("still not code\n")
    assert source_hash(tmp_path, [tmp_path / "quiz"]) == before
    (tmp_path / "quiz" / "cloze.py").write_text("BLANK = '____'\n")
    assert source_hash(tmp_path, [tmp_path / "quiz"]) != before
