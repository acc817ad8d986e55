"""Errata of the notes: lines a study group knows to be out of date, each with the current fact and where it comes
from. Read from `errata.toml` beside the notes (optional: none without the file).

The quiz never asks a line an erratum matches, nor anything in the section of a heading one matches; an answer
quoting such a line shows the current fact beside it. Matching ignores case, bold and code marks and runs of
spaces, so a fragment copied from the rendered notes matches the markdown line.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from bot.errors import TutorbotError
from bot.knowledge.markdown import FENCE, heading_of

ERRATA_FILE = "errata.toml"
MIN_MATCH_CHARS = 6  # a shorter fragment would match lines it was not meant for
MAX_CURRENT_CHARS = 300  # an erratum's current fact: a sentence or two, shown beside a quoted passage
MAX_SOURCE_CHARS = 160


class ErrataError(TutorbotError):
    """The notes' errata.toml cannot be read or holds an entry that is incomplete; the message names the file and
    the entry."""


@dataclass(frozen=True)
class Erratum:
    """One out-of-date statement of the notes: `match` is a fragment of its line as the notes write it, `current`
    what is true now, `source` where the group found that."""

    match: str
    current: str
    source: str

    @cached_property
    def folded_match(self) -> str:
        """The fragment as errata compare it (`folded`), folded once."""
        return folded(self.match)

    def matches(self, line: str) -> bool:
        """Whether `line` (markdown or plain text) contains the fragment, ignoring case, bold/code marks and
        spacing."""
        return self.folded_match in folded(line)


@dataclass(frozen=True)
class Errata:
    """The errata of one set of notes (empty: nothing known to be out of date)."""

    entries: tuple[Erratum, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.entries)

    def matching(self, texts: Iterable[str]) -> tuple[Erratum, ...]:
        """The entries matching any of `texts`, in the file's order, each once."""
        folded_texts = [folded(text) for text in texts]
        return tuple(e for e in self.entries if any(e.folded_match in text for text in folded_texts))

    def outdated_lines(self, lines: Sequence[str]) -> set[int]:
        """1-based numbers of the lines of one notes file that are out of date: every line an entry matches and,
        for a matched heading, every line of its section (down to the next heading of its level or above). Lines
        inside code blocks are never headings."""
        if not self.entries:
            return set()
        found: set[int] = set()
        open_headings: list[tuple[int, bool]] = []  # (level, matched) of the headings enclosing the line
        fence: str | None = None
        for number, line in enumerate(lines, start=1):
            heading = None if fence is not None else heading_of(line)
            if FENCE.match(line):
                fence = None if fence is not None else line
            matched = bool(self.matching([line]))
            if heading is not None:
                level = heading[0]
                while open_headings and open_headings[-1][0] >= level:
                    open_headings.pop()
                open_headings.append((level, matched))
            if matched or any(under for _, under in open_headings):
                found.add(number)
        return found

    def unmatched(self, notes: Iterable[Sequence[str]]) -> list[Erratum]:
        """The entries no line of `notes` (each file's lines) matches: stale errata a group should fix."""
        found = set(self.matching(line for lines in notes for line in lines))
        return [e for e in self.entries if e not in found]


NO_ERRATA = Errata()


def folded(text: str) -> str:
    """`text` compared as errata compare it: lower case, without bold or code marks, single spaces."""
    return " ".join(text.replace("*", "").replace("`", "").split()).casefold()


def load_errata(corpus_dir: Path) -> Errata:
    """The errata in `corpus_dir/errata.toml`, or NO_ERRATA when there is none.

    Raises ErrataError (naming the file and entry) for unreadable TOML or an incomplete entry."""
    path = corpus_dir / ERRATA_FILE
    if not path.is_file():
        return NO_ERRATA
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ErrataError(f"{path} is not valid TOML: {error}") from error
    return parse_errata(data, str(path))


def parse_errata(data: Mapping[str, Any], where: str = ERRATA_FILE) -> Errata:
    """Errata from the parsed TOML: a list of `[[outdated]]` tables, each with `match`, `current` and `source`
    (see corpus/errata.toml). Raises ErrataError for a missing or empty field, a fragment shorter than
    MIN_MATCH_CHARS or texts longer than MAX_CURRENT_CHARS / MAX_SOURCE_CHARS."""
    tables = data.get("outdated", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ErrataError(f"{where}: outdated must be a list of tables ([[outdated]])")
    return Errata(tuple(_entry(table, f"{where}: outdated[{n}]") for n, table in enumerate(tables, start=1)))


def _entry(table: Mapping[str, Any], where: str) -> Erratum:
    texts = {}
    for key, limit in (("match", None), ("current", MAX_CURRENT_CHARS), ("source", MAX_SOURCE_CHARS)):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ErrataError(f"{where}.{key} must be a non-empty string")
        if limit is not None and len(value.strip()) > limit:
            raise ErrataError(f"{where}.{key} is longer than {limit} characters")
        texts[key] = " ".join(value.split())
    if len(folded(texts["match"])) < MIN_MATCH_CHARS:
        raise ErrataError(f"{where}.match must quote at least {MIN_MATCH_CHARS} characters of the line")
    return Erratum(texts["match"], texts["current"], texts["source"])
