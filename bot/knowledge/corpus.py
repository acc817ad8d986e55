"""Load the markdown/text notes of a corpus folder, keeping every line's number."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

NOTE_SUFFIXES = (".md", ".markdown", ".txt")
# A note is not text when it holds a NUL byte, or when more than this share of its characters are undecodable bytes
# or control characters (a few mis-encoded accents stay well below it; random bytes are near one half).
MAX_NON_TEXT_SHARE = 0.1
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass(frozen=True)
class Document:
    """One notes file: `source` is its path relative to the repository root (an uploaded file's name as
    uploaded); lines[0] is line 1. `pages` is empty, or holds each line's page (1-based) in a paged original such
    as a PDF, parallel to `lines`."""

    source: str
    lines: tuple[str, ...]
    pages: tuple[int, ...] = ()

    def pages_of(self, first_line: int, last_line: int) -> tuple[int, ...]:
        """(first page, last page) of lines first_line..last_line (1-based), or () for notes without pages."""
        if not self.pages:
            return ()
        span = self.pages[first_line - 1 : last_line]
        return (min(span), max(span)) if span else ()


def note_files(corpus_dir: Path) -> list[Path]:
    """The note files under `corpus_dir`, in a stable order."""
    if not corpus_dir.is_dir():
        return []
    return sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.suffix.lower() in NOTE_SUFFIXES)


def relative_source(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it, else as given (posix separators)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def decode_note(raw: bytes, name: str) -> str:
    """UTF-8 text of a note; undecodable bytes are replaced (and logged), never fatal."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.warning("%s is not valid UTF-8; undecodable bytes were replaced", name)
        return raw.decode("utf-8", errors="replace")


def _is_odd(c: str) -> bool:
    """A replacement character, a control character other than whitespace, or a private-use character (what a
    PDF font without a character map extracts to)."""
    return c == "\ufffd" or (c < " " and c not in _TEXT_CONTROLS) or c == "\x7f" or "\ue000" <= c <= "\uf8ff"


def _non_text_share(text: str) -> float:
    """The share of `text` that is odd characters (`_is_odd`)."""
    return sum(1 for c in text if _is_odd(c)) / max(len(text), 1)


def reads_as_text(text: str) -> bool:
    """Whether decoded or extracted `text` is readable text (at most MAX_NON_TEXT_SHARE odd characters)."""
    return _non_text_share(text) <= MAX_NON_TEXT_SHARE


def is_text(raw: bytes) -> bool:
    """Whether a file's bytes are text at all (see MAX_NON_TEXT_SHARE), whatever its name says.

    Read as UTF-8 or, for notes saved in a legacy single-byte encoding (accented words), as Windows-1252;
    random bytes are about 14% control or undefined characters in either reading.
    """
    if b"\0" in raw:
        return False
    readings = (raw.decode("utf-8", errors="replace"), raw.decode("cp1252", errors="replace"))
    return any(reads_as_text(text) for text in readings)


def load_corpus(corpus_dir: Path, root: Path) -> list[Document]:
    """Every note file under `corpus_dir` as a Document; files that are not text are skipped with a warning."""
    documents = []
    for path in note_files(corpus_dir):
        source = relative_source(path, root)
        raw = path.read_bytes()
        if not is_text(raw):
            log.warning("%s is not a text file (binary bytes under a notes name); skipped", source)
            continue
        text = decode_note(raw, source)
        documents.append(Document(source=source, lines=tuple(text.splitlines())))
    return documents


def corpus_hash(corpus_dir: Path, root: Path) -> str:
    """A hash of the names and bytes of every note file: changes when any note changes."""
    digest = hashlib.sha256()
    for path in note_files(corpus_dir):
        digest.update(relative_source(path, root).encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def documents_hash(documents: Iterable[Document]) -> str:
    """A hash of the sources, lines and pages of `documents` (notes that do not come from a folder)."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(document.source.encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256("\n".join(document.lines).encode()).digest())
        digest.update(repr(document.pages).encode())
    return digest.hexdigest()
