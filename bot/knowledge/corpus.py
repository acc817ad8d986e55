"""Load the markdown/text notes of a corpus folder, keeping every line's number."""

from __future__ import annotations

import hashlib
import logging
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
    """One notes file: `source` is its path relative to the repository root; lines[0] is line 1."""

    source: str
    lines: tuple[str, ...]


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


def _non_text_share(text: str) -> float:
    """The share of `text` that is replacement characters or control characters other than whitespace."""
    odd = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in _TEXT_CONTROLS) or c == "\x7f")
    return odd / max(len(text), 1)


def is_text(raw: bytes) -> bool:
    """Whether a file's bytes are text at all (see MAX_NON_TEXT_SHARE), whatever its name says.

    Read as UTF-8 or, for notes saved in a legacy single-byte encoding (accented words), as Windows-1252;
    random bytes are about 14% control or undefined characters in either reading.
    """
    if b"\0" in raw:
        return False
    readings = (raw.decode("utf-8", errors="replace"), raw.decode("cp1252", errors="replace"))
    return min(_non_text_share(text) for text in readings) <= MAX_NON_TEXT_SHARE


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
