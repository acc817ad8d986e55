"""Weak kinds of study question, on examples written for them: vague blanks, obscure figures, answers named by
their opposite, names the notes spell two ways, nonsense pairs, false statements naming a term of another kind."""

from __future__ import annotations

import numpy as np

from bot.knowledge.chunking import chunk_documents
from bot.knowledge.corpus import Document
from bot.quiz.generation import generate_prompts
from bot.quiz.quality import Speller, assess
from bot.quiz.weak_kinds import names_a_price, obscure_figures, opposite_shown, vague_blank
from tests.quiz.test_quiz_quality import NOTES, candidate


def test_a_common_word_or_a_counted_phrase_is_a_vague_blank() -> None:
    assert vague_blank("Caches — a warm cache improves the _____ of the site", "performance")
    assert vague_blank("Certificates — one listener can serve _____", "several hostnames")
    assert vague_blank("Stacks — resources are made in the _____ the template gives", "correct sequence")
    assert not vague_blank("Queues — a message nobody could process goes to the _____", "quarantine queue")
    assert not vague_blank("Tracing — the share kept after the first request is called the _____", "fixed rate")
    assert not vague_blank("Policies — whether a statement allows or denies is set by _____", "Verdict")
    assert not vague_blank("Queues — tables without a key return _____", "undefined")  # rare in English


def test_vague_blanks_score_lower_than_sharp_ones() -> None:
    speller = Speller(NOTES)
    vague = assess(candidate("cloze", "Caches — a warm cache improves the _____ of the site", "performance"), speller)
    sharp = assess(
        candidate("cloze", "Queues — a message nobody could process goes to the _____", "quarantine"), speller
    )
    assert vague is not None and sharp is not None and vague.score < sharp.score


def test_figures_nobody_learns_by_heart_are_obscure() -> None:
    assert obscure_figures("A cluster may hold 1,344 cores and 4096 GB") == ["1,344"]
    assert obscure_figures("Storage ranges up to 189 TB, with 7300 reads") == ["189"]
    assert obscure_figures("Use port 993 or return status 418; 3600 seconds; 128000 IOPS") == []
    assert names_a_price("The always-free tier covers 2 million calls")
    assert names_a_price("Each extra gigabyte costs $0.09")
    assert not names_a_price("Each extra gigabyte takes 2 seconds")


def test_obscure_figures_and_prices_score_lower() -> None:
    speller = Speller(NOTES)
    odd = assess(candidate("numeric", "Clusters — one cluster holds up to _____", "1,344 cores"), speller)
    round_ = assess(candidate("numeric", "Clusters — one cluster holds up to _____", "1,000 cores"), speller)
    statement = assess(
        candidate("true_false", "True or false? Clusters — a cluster holds 1,344 cores", "True"), speller
    )
    price = assess(candidate("numeric", "Billing — the free tier covers _____ calls a month", "2 million"), speller)
    assert odd is not None and round_ is not None and statement is not None and price is not None
    assert odd.score < round_.score and statement.score < round_.score and price.score < round_.score


def test_an_answer_named_by_its_opposite_is_given_away() -> None:
    assert opposite_shown("encrypt", "clients decrypt with the private key and _____ with the public one")
    assert opposite_shown("outbound", "Firewalls — inbound rules and _____ rules are set apart")
    assert opposite_shown("inaccessible", "Accessibility — a private bucket is _____ from outside")
    assert not opposite_shown("partition", "the table is split by key")
    speller = Speller(NOTES)
    asked = candidate("cloze", "Keys — clients decrypt with the private key and _____ with the public one", "encrypt")
    assert assess(asked, speller) is None


def test_a_name_the_notes_spell_two_ways_is_not_asked() -> None:
    speller = Speller(
        [
            *NOTES,
            "A full table raises `StorageQuotaReachedError` on write.",
            "Retry later when you see `StorageQuotaError`.",
            "Call `DescribeQueueAttributes` to read the settings.",
        ]
    )
    assert speller.misspelt("you see StorageQuotaError") == ["StorageQuotaError"]
    assert speller.misspelt("raises StorageQuotaReachedError") == ["StorageQuotaReachedError"]
    assert speller.misspelt("call DescribeQueueAttributes") == []
    assert assess(candidate("cloze", "Tables — a full table raises _____", "StorageQuotaReachedError"), speller) is None


def test_a_real_word_written_for_another_is_found_by_how_the_notes_write_the_pair() -> None:
    speller = Speller([*NOTES, "Keep your files small.", "Compress your files first.", "Name your files well."])
    assert speller.misspelt("Back up three copies of you files") == ["you files"]
    assert speller.misspelt("Back up three copies of your files") == []
    assert speller.misspelt("If you compress them, they load faster") == []


def test_limits_the_reader_may_raise_are_obscure() -> None:
    assert names_a_price("Each account may run 20 pipelines (you can ask support to increase that)")
    assert names_a_price("The soft limit is 50 tables per region")
    assert not names_a_price("Logs are kept 7 days by default, but this can be increased to 30 days")


def test_two_prepositions_in_a_row_are_broken_text() -> None:
    speller = Speller(NOTES)
    broken = candidate("cloze", "Sockets — a client connected to through a _____ gets pushed data", "tunnel")
    fine = candidate("cloze", "Sockets — a client connected through a _____ gets pushed data", "tunnel")
    assert assess(broken, speller) is None and assess(fine, speller) is not None
    idiom = candidate("cloze", "Sockets — each frame arrives with at least one _____ attached", "header")
    assert assess(idiom, speller) is not None


def test_a_statement_pairing_a_value_with_itself_is_not_asked() -> None:
    speller = Speller(NOTES)
    assert (
        assess(candidate("true_false", "True or false? Plans — a term lasts 2 or 2 months", "False"), speller) is None
    )
    fine = candidate("true_false", "True or false? Plans — a term lasts 2 or 4 months", "False")
    assert assess(fine, speller) is not None


def _embed_by_table(table: dict[str, list[float]]):
    def embed(texts):
        vectors = np.array([table.get(t, [0.0, 0.0, 1.0]) for t in texts], dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    return embed


def test_a_false_definition_statement_names_a_term_of_the_same_kind() -> None:
    notes = """\
# Gauges

## Gauge Metrics

- **Hits:** how many times the page was opened in a period of one hour
- **Wait:** the time between a page being asked for and its first byte arriving
- **Render:** the time between the first byte arriving and the page being drawn in full
"""
    lines = {"gauges.md": tuple(notes.splitlines())}
    chunks = chunk_documents([Document(s, ls) for s, ls in lines.items()])
    # Two timings close to each other, a count far from both.
    embed = _embed_by_table({"Hits": [1.0, 0.0, 0.0], "Wait": [0.0, 1.0, 0.05], "Render": [0.0, 1.0, 0.0]})
    prompts = generate_prompts(chunks, embed, lines, min_score=0.0)
    statements = [p.question for p in prompts if p.kind == "true_false" and "describes" in p.question]
    about_hits = [q for q in statements if "how many times" in q]
    assert not about_hits, about_hits  # neither timing is a stand-in for a count: asked typed instead
    assert any(p.kind == "definition" and p.answer == "Hits" for p in prompts)
