"""What an uploaded file is: the kind its name claims, and whether its first bytes agree."""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from pathlib import PurePosixPath, PureWindowsPath

from bot.errors import Refusal, UploadRefused

MAX_NAME_LENGTH = 100  # characters of a stored file name (suffix included)


class NoteKind(StrEnum):
    TEXT = "text"  # .md, .markdown, .txt: read as markdown
    PDF = "pdf"
    DOCX = "docx"


SUFFIXES = {".md": NoteKind.TEXT, ".markdown": NoteKind.TEXT, ".txt": NoteKind.TEXT}
SUFFIXES |= {".pdf": NoteKind.PDF, ".docx": NoteKind.DOCX}

# Kinds people try that tutorbot does not read, with what to do instead.
INSTEAD = {
    ".doc": "an old Word file: save it as .docx (Word: File › Save As › Word Document)",
    ".odt": "an OpenDocument file: save it as .docx or .pdf",
    ".rtf": "a Rich Text file: save it as .docx or .txt",
    ".pages": "a Pages file: export it as .docx or .pdf",
    ".pptx": "a slide deck: export it as .pdf",
    ".ppt": "a slide deck: export it as .pdf",
    ".zip": "an archive: upload the notes inside it one by one",
    ".html": "a web page: save it as .pdf or copy its text into a .md file",
    ".htm": "a web page: save it as .pdf or copy its text into a .md file",
}

# Leading bytes of formats (their published signatures), to say what a file really is.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (or a password-protected Word file)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"{\\rtf", "a Rich Text file"),
)
PDF_HEADER_WINDOW = 1024  # readers accept "%PDF-" anywhere in the first kilobyte
EXPECTED = {NoteKind.PDF: "a PDF", NoteKind.DOCX: "a zip archive"}  # a .docx is a zip of XML parts


def clean_name(raw: str) -> str:
    """The name a file is kept under: its last path part, NFC, without control characters, at most
    MAX_NAME_LENGTH characters (the suffix kept). UploadRefused (BAD_NAME) when nothing usable is left."""
    name = PureWindowsPath(PurePosixPath(raw).name).name  # "a/b.md" and "a\\b.md" are both b.md
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    name = " ".join(name.split())
    stem, suffix = _split(name)
    if not stem.strip(". ") or len(suffix) > 12:
        raise UploadRefused(Refusal.BAD_NAME, f"{raw!r} is not a usable file name; rename the file and try again.")
    return stem[: MAX_NAME_LENGTH - len(suffix)].rstrip() + suffix


def _split(name: str) -> tuple[str, str]:
    suffix = PurePosixPath(name).suffix
    return name[: len(name) - len(suffix)], suffix


def kind_of(name: str) -> NoteKind:
    """The kind a (clean) file name claims; UploadRefused (UNSUPPORTED) for any other, saying what to do."""
    suffix = PurePosixPath(name).suffix.lower()
    kind = SUFFIXES.get(suffix)
    if kind is not None:
        return kind
    readable = ", ".join(SUFFIXES)
    instead = INSTEAD.get(suffix)
    why = f"{name} is {instead}" if instead else f"{name}: tutorbot does not read {suffix or 'files without a suffix'}"
    raise UploadRefused(Refusal.UNSUPPORTED, f"{why}. Notes can be {readable}.")


def actual_kind(data: bytes) -> str | None:
    """What the bytes are by their signature ("a PDF", "a PNG image"...), or None when no signature matches."""
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return "a PDF"
    return next((what for magic, what in SIGNATURES if data.startswith(magic)), None)


def check_claim(name: str, kind: NoteKind, data: bytes) -> None:
    """UploadRefused (NOT_WHAT_IT_CLAIMS) when the bytes are another kind of file than `name` says.

    Text notes must carry no known binary signature; a PDF must start as one; a .docx must be a zip.
    """
    actual = actual_kind(data)
    expected = EXPECTED.get(kind)
    if actual == expected:
        return
    if expected is None and actual is None:
        return
    claimed = {NoteKind.TEXT: "a text file", NoteKind.PDF: "a PDF", NoteKind.DOCX: "a Word file"}[kind]
    really = f"it is really {actual}" if actual else f"its contents are not {claimed}"
    raise UploadRefused(Refusal.NOT_WHAT_IT_CLAIMS, f"{name} is named as {claimed}, but {really}.")
