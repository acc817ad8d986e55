"""A true/false statement settled by its own words, and an explanation that names its own term (#16)."""

from __future__ import annotations

import numpy as np

from bot.quiz.definitions import definition_candidates
from bot.quiz.quality import gives_away, hints_at
from bot.quiz.sentences import Sentence
from bot.quiz.terms import spelled_parts


def _embed_all_alike(texts):
    """Every term close to every other: each is a fitting stand-in for the others."""
    vectors = np.array([[1.0, 0.1 * (i % 3), 0.0] for i, _ in enumerate(texts)], dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _line(text: str, line: int) -> Sentence:
    return Sentence(text, "notes.md", ("Ciphers", "Ways to protect a disk"), line)


def test_an_acronym_part_spelled_out_is_found() -> None:
    assert spelled_parts("TLS-PSK", "both ends hold a Pre Shared Key agreed beforehand") == {"psk"}
    assert spelled_parts("TLS-PSK", "both ends hold a key agreed beforehand") == set()
    assert spelled_parts("FetchRetryDelay", "Fetch Retry Delay") == set()  # no acronym part


def test_one_word_of_either_term_settles_a_statement() -> None:
    linger = "how long a worker is ready to linger before it gives up"
    assert hints_at("PollLingerMillis", linger)
    assert not gives_away("PollLingerMillis", linger)  # one part of three is no give-away for a typed answer
    assert not hints_at("PollBatchSize", linger)
    assert hints_at("TLS-PSK", "both ends hold a Pre Shared Key agreed beforehand", shared={"tls"})
    # what the term shares with the terms beside it tells nothing
    assert not hints_at("Disk tier", "the disk place for data read now and then", shared={"disk"})


def test_a_spelled_out_acronym_part_gives_a_typed_answer_away() -> None:
    assert gives_away("DSK-HSM", "keys kept in a Hardware Security Module of the provider", shared={"dsk"})
    assert not gives_away("DSK-HSM", "keys kept in a tamper-proof box of the provider", shared={"dsk"})


def test_no_statement_about_an_explanation_that_spells_out_a_part_of_a_term() -> None:
    lines = [
        _line("**DSK-HSM**: keys kept in a Hardware Security Module owned by the provider", 1),
        _line("**DSK-OWN**: keys you keep yourself and send along with every single request", 2),
        _line("**DSK-STD**: keys the provider makes, rotates and keeps entirely out of sight", 3),
    ]
    prompts = [c.prompt for c in definition_candidates(lines, {}, {}, _embed_all_alike)]
    assert not [p.question for p in prompts if "Hardware Security Module" in p.question]
    assert any(p.kind == "true_false" for p in prompts)  # the other two are still stated


def test_an_explanation_is_cut_before_the_sentence_naming_its_own_term() -> None:
    lines = [
        _line(
            "**Queue depth**: the number of messages waiting to be read by any of the workers. The queue depth "
            "rises when workers fall behind.",
            1,
        ),
        _line("**Queue age**: short. The queue age is how long the oldest message has waited to be read.", 2),
        _line("**Queue rate**: how many messages arrive in each second, averaged over one whole minute", 3),
        _line("**Queue lag**: how far behind the newest message the slowest of the workers is reading", 4),
    ]
    prompts = [c.prompt for c in definition_candidates(lines, {}, {}, _embed_all_alike)]
    depth = [p.question for p in prompts if "waiting to be read" in p.question]
    assert depth and all("_____" not in q and "fall behind" not in q for q in depth), depth
    assert not [p.question for p in prompts if "oldest message" in p.question]  # too little said before its name
