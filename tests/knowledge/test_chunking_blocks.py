"""Tables and code blocks too big for one chunk: every piece keeps the table's header, or its code fences.

The notes are generated: tables of any width and length, code blocks with either fence, a language and
indentation, alone or inside a list item.
"""

from __future__ import annotations

import random

import pytest

from bot.knowledge.chunking import Chunk, ChunkerSettings, chunk_documents
from bot.knowledge.corpus import Document
from bot.knowledge.markdown import FENCE, is_table_rule
from bot.knowledge.passages import PassagePacker
from bot.knowledge.quoting import pick_lines, quote
from tests.knowledge.helpers import assert_span_exact, own_text, shown_lines

SMALL = ChunkerSettings(max_chars=420, max_tokens=120)
WORDS = ["queue", "bucket", "stream", "table", "topic", "volume", "cluster", "function", "gateway", "cache"]


def generated_table(seed: int, columns: int, rows: int) -> tuple[list[str], list[str]]:
    """(header and delimiter rows, body rows) of a table with made-up names and quantities."""
    pick = random.Random(seed)
    names = [f"{pick.choice(WORDS).title()} {c}" for c in range(columns)]
    header = [
        "| " + " | ".join(names) + " |",
        "|" + "|".join(pick.choice(["---", ":--", ":-:", "--:"]) for _ in names) + "|",
    ]
    body = [
        "| " + " | ".join(f"{pick.choice(WORDS)}-{r} {pick.randint(1, 999)} MB" for _ in names) + " |"
        for r in range(rows)
    ]
    return header, body


def generated_code(seed: int, lines: int, fence: str, indent: str) -> list[str]:
    """A fenced block (opening with a language) whose lines are indented at several depths."""
    pick = random.Random(seed)
    body = [f"{indent}def handler_{seed}(event):"]
    body += [f"{indent}{' ' * pick.choice([4, 8, 12])}value_{i} = {pick.choice(WORDS)}({i})" for i in range(lines)]
    return [f"{indent}{fence}python", *body, f"{indent}{fence}"]


def chunks_of(lines: list[str]) -> tuple[Document, list[Chunk]]:
    document = Document("notes/generated.md", tuple(lines))
    return document, chunk_documents([document], SMALL)


@pytest.mark.parametrize(("seed", "columns", "rows"), [(1, 2, 40), (2, 3, 25), (3, 4, 18), (4, 1, 60)])
def test_every_piece_of_a_split_table_repeats_its_header_and_delimiter_rows(seed: int, columns: int, rows: int):
    header, body = generated_table(seed, columns, rows)
    document, chunks = chunks_of(
        ["# Limits", "", "The limits below apply per account.", "", *header, *body, "", "Done."]
    )
    pieces = [c for c in chunks if any(row in c.text for row in body)]
    assert len(pieces) >= 3
    for at, piece in enumerate(pieces):
        lines = piece.text.split("\n")
        assert lines[:2] == header, piece.text
        assert piece.added_lines == ((0, 1) if at else ())
        assert not any(is_table_rule(line) for line in lines[2:])
    shown_rows = [line for piece in pieces for line in own_text(piece).split("\n") if line in body]
    assert shown_rows == body  # every row once, in order
    shown = shown_lines(document)
    for chunk in chunks:
        assert_span_exact(shown, chunk)


@pytest.mark.parametrize(("fence", "indent"), [("```", ""), ("~~~", ""), ("````", "  "), ("```", "   ")])
def test_every_piece_of_a_split_code_block_is_closed_and_reopened_with_its_language_and_indentation(
    fence: str, indent: str
):
    code = generated_code(len(fence) + len(indent), 40, fence, indent)
    lead = ["- Example handler:", ""] if indent else []
    document, chunks = chunks_of(["# Code", "", *lead, *code, "", "After the code."])
    pieces = [c for c in chunks if any(line.strip() in c.text for line in code[1:-1])]
    assert len(pieces) >= 3
    for at, piece in enumerate(pieces):
        lines = piece.text.split("\n")
        assert lines[0] == code[0], piece.text  # the same fence, language and indentation
        fences = [i for i, line in enumerate(lines) if FENCE.match(line)]
        assert [lines[i] for i in fences] == [code[0], f"{indent}{fence}"]  # closed in every piece
        expected = [0] if at else []
        expected += [fences[-1]] if at < len(pieces) - 1 else []
        assert list(piece.added_lines) == expected
    kept = [line for piece in pieces for line in own_text(piece).split("\n") if line in code[1:-1]]
    assert kept == code[1:-1]  # every code line once, its indentation as written
    shown = shown_lines(document)
    for chunk in chunks:
        assert_span_exact(shown, chunk)


def test_a_short_table_and_a_short_code_block_are_left_alone():
    header, body = generated_table(5, 2, 3)
    code = generated_code(5, 3, "```", "")
    _, chunks = chunks_of(["# Small", "", *header, *body, "", *code])
    assert all(c.added_lines == () for c in chunks)
    assert sum(c.text.count(header[0]) for c in chunks) == 1


def test_a_passage_of_several_pieces_shows_the_block_whole_again():
    header, body = generated_table(6, 2, 30)
    code = generated_code(6, 30, "```", "")
    _, chunks = chunks_of(["# Both", "", *header, *body, "", "## Code", "", *code])
    packer = PassagePacker(chunks, limit=4000)
    table_passage, rows = packer.passage(0)
    assert len(rows) >= 3
    assert table_passage.text.split("\n") == [*header, *body]
    code_row = next(i for i, c in enumerate(chunks) if c.heading_path == ("Both", "Code"))
    code_passage, rows = packer.passage(code_row)
    assert len(rows) >= 3
    assert code_passage.text.split("\n") == code


def test_a_quoted_table_row_keeps_its_column_names_and_a_quoted_code_line_its_fences():
    header, body = generated_table(7, 3, 12)
    lines = ["Intro line.", "", *header, *body]
    scores = [0.0] * len(lines)
    scores[len(lines) - 2] = 3.0  # one row far down the table
    scores[len(lines) - 8] = 1.0
    shown = quote(lines, pick_lines(lines, scores, budget=2000)).split("\n")
    assert shown == [*header, "| … |", body[4], "| … |", body[10]]
    code = generated_code(8, 10, "~~~", "  ")
    scores = [0.0] * len(code)
    scores[6] = 2.0
    shown = quote(code, pick_lines(code, scores, budget=2000)).split("\n")
    assert shown[0] == code[0] and shown[-1] == code[-1] and code[6] in shown
