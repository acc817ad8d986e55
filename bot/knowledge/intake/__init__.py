"""Uploaded notes files (.md, .markdown, .txt, .pdf, .docx) read into Documents the chunker takes.

Uploaded files are untrusted: nothing in them is run, every check that needs no parsing (name, size, leading
bytes) comes before any parsing, and the libraries that parse them (pypdf, python-docx) work inside their
guards against decompression bombs. Every refusal is an `UploadRefused` naming the file and the reason.
"""

from __future__ import annotations

from bot.errors import Refusal, UploadRefused
from bot.knowledge.corpus import Document, decode_note, is_text, reads_as_text
from bot.knowledge.intake.kinds import NoteKind, check_claim, clean_name, kind_of
from bot.knowledge.intake.limits import UploadLimits, check_file_size, check_server_room, size_words
from bot.knowledge.intake.pdf_notes import pdf_document
from bot.knowledge.intake.word_notes import docx_document

__all__ = [
    "NoteKind",
    "UploadLimits",
    "check_file_size",
    "check_server_room",
    "clean_name",
    "kind_of",
    "read_upload",
    "size_words",
]


def read_upload(raw_name: str, data: bytes, limits: UploadLimits | None = None) -> Document:
    """The notes in an uploaded file as a Document whose source is the file's clean name (`clean_name`).

    Checks in order, the cheap ones first: the name and its kind, the size, the leading bytes against the kind
    claimed, then the conversion (pages, archive expansion, encryption), then the text (readable, not empty, within
    `limits.text_chars`). UploadRefused with the reason on the first that fails.
    """
    limits = limits or UploadLimits()
    name = clean_name(raw_name)
    kind = kind_of(name)
    check_file_size(name, len(data), limits)
    check_claim(name, kind, data)
    if kind is NoteKind.PDF:
        document = pdf_document(name, data, limits)
    elif kind is NoteKind.DOCX:
        document = docx_document(name, data, limits)
    else:
        document = _text_document(name, data)
    _check_text(document, limits)
    return document


def _text_document(name: str, data: bytes) -> Document:
    if not is_text(data):
        raise UploadRefused(Refusal.NOT_TEXT, f"{name} is not text (it holds binary bytes); upload the notes as text.")
    return Document(source=name, lines=tuple(decode_note(data, name).splitlines()))


def _check_text(document: Document, limits: UploadLimits) -> None:
    text = "\n".join(document.lines)
    if not text.strip():
        why = " (a scan without a text layer? Run it through OCR first)" if document.pages else ""
        raise UploadRefused(Refusal.NO_TEXT, f"{document.source} has no text to study{why}.")
    if not reads_as_text(text):
        raise UploadRefused(
            Refusal.NOT_TEXT,
            f"{document.source}'s text cannot be read (its fonts map to no letters); export it again, or upload "
            "the notes as .docx or .md.",
        )
    if len(text) > limits.text_chars:
        raise UploadRefused(
            Refusal.TOO_MUCH_TEXT,
            f"{document.source} holds {len(text):,} characters of text; a notes file may hold at most "
            f"{limits.text_chars:,}. Split it.",
        )
