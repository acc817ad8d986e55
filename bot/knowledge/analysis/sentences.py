"""Named sentence splitters. Each splits a different kind of text for a different job, and the differences between
them are deliberate:

| splitter | text | breaks after | next must start | used by |
| --- | --- | --- | --- | --- |
| `notes_sentences` | one prose line of the notes | . ! ? | capital ` * " ( | quiz items |
| `oversize_pieces` | a line too long for a chunk | . ! ? ; | anything | chunking |
| `question_clauses` | a member's question | . ? ! : ; | anything | abstention (names) |
| `stem_sentences` | a practice question's stem | . ? ! : | anything | practice NOT questions |

- A quiz item must be a whole, true sentence, so `notes_sentences` breaks only before a capital (or code, bold,
  quote, parenthesis) and never after an abbreviation such as "e.g.": "version 1.2 is" stays whole.
- Chunking only needs pieces small enough for the embedding window, rejoined with a space in order, so any
  clause end will do (';' too); nothing is lost when it breaks early.
- Abstention asks which words start a sentence (a capital there is no product name), and a member's clause after
  ':' or ';' starts with a capital as a sentence does.
- A stem's asking sentence is the last piece with a '?'; "Consider the following: which ..." asks after ':', while
  ';' joins clauses of one sentence.
"""

from __future__ import annotations

import re

NOTES_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*\"(])")
ABBREVIATION_END = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|incl)\.$", re.IGNORECASE)
PIECE_END = re.compile(r"(?<=[.!?;])\s+")
CLAUSE_START = re.compile(r"[.?!:;]\s+")
STEM_SENTENCE_END = re.compile(r"(?<=[.?!:])\s+")


def notes_sentences(line: str) -> list[str]:
    """Sentences of one line of notes, stripped, empty ones dropped; abbreviations such as "e.g." end none."""
    pieces: list[str] = []
    for piece in NOTES_SENTENCE_BREAK.split(line):
        if pieces and ABBREVIATION_END.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return [p.strip() for p in pieces if p.strip()]


def oversize_pieces(text: str) -> list[str]:
    """`text` cut after every sentence or clause end (the whitespace dropped; join with " " to restore it)."""
    return PIECE_END.split(text)


def question_clauses(question: str) -> list[str]:
    """A question's sentences and clauses, their end marks and the whitespace after them dropped."""
    return CLAUSE_START.split(question)


def stem_sentences(stem: str) -> list[str]:
    """A practice question's sentences (the end marks kept, whitespace after them dropped)."""
    return STEM_SENTENCE_END.split(stem)
