"""What one set of notes brings besides its text: the words and names peculiar to them, an example question and
the exam they prepare for. Read from `profile.toml` beside the notes; notes without one get neutral defaults.

The code knows nothing about any one subject: vendor words dropped when answers are compared, words ending in
"s" that are not plurals, blanks never worth asking for, example questions and exam domains all come from here, and
so do the notes' errata (`errata.toml` beside them, read with the profile: lines known to be out of date).

The text rules below it read the profile of the notes in use (`active_profile`): a notes bundle runs its work
`using_profile(its own)`, so several sets of notes can be served side by side in one process; a build (one set of
notes per build process) sets the fallback once with `activate`.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.errors import TutorbotError
from bot.knowledge.errata import NO_ERRATA, Errata, load_errata

log = logging.getLogger(__name__)

PROFILE_FILE = "profile.toml"
DEFAULT_EXAM_QUESTIONS = 65
DEFAULT_EXAM_MINUTES = 130
WARM_UP_QUESTION = "what do these notes cover?"


class ProfileError(TutorbotError):
    """The notes' profile.toml cannot be read or says something impossible; the message names the file and key."""


@dataclass(frozen=True)
class ExamDomain:
    """One domain of the exam: its name, its weight (any positive scale) and the notes' top-level sections in it."""

    name: str
    weight: float
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExamBlueprint:
    """The exam the notes prepare for: its name, its length and its domains (empty: one per top-level section)."""

    name: str = ""
    questions: int = DEFAULT_EXAM_QUESTIONS
    minutes: int = DEFAULT_EXAM_MINUTES
    domains: tuple[ExamDomain, ...] = ()


@dataclass(frozen=True)
class CorpusProfile:
    """Everything specific to one set of notes that the code must not hard-wire. All words are lower case."""

    dropped_words: frozenset[str] = frozenset()  # never tell two answers apart: a vendor's name before a product's
    invariant_plurals: frozenset[str] = frozenset()  # end in "s" but are not plurals: "https"
    trivial_terms: frozenset[str] = frozenset()  # never asked for as a quiz blank
    name_prefixes: tuple[str, ...] = ()  # may stand before a name or acronym: a vendor before a product's acronym
    proper_nouns: tuple[str, ...] = ()  # names these notes use: the code must never mention them
    example_question: str = ""  # shown to a member who asked nothing
    warm_up_question: str = WARM_UP_QUESTION  # answered once at start-up, so no member waits for word lists
    exam: ExamBlueprint = field(default_factory=ExamBlueprint)
    errata: Errata = NO_ERRATA  # lines of the notes known to be out of date (errata.toml)

    @property
    def name_prefix_pattern(self) -> str:
        """A regex fragment matching an optional leading name prefix and its space ('' without prefixes)."""
        return _prefix_pattern(self.name_prefixes)


NEUTRAL = CorpusProfile()


def _prefix_pattern(prefixes: Sequence[str]) -> str:
    if not prefixes:
        return ""
    return rf"(?:(?:{'|'.join(re.escape(p) for p in prefixes)})\s+)?"


def load_profile(corpus_dir: Path) -> CorpusProfile:
    """The profile in `corpus_dir/profile.toml` (NEUTRAL's defaults when there is none) with the errata in
    `corpus_dir/errata.toml` (none when there is none).

    Raises ProfileError (naming the file and the key) for unreadable TOML or a value of the wrong type, and
    ErrataError for an unreadable or incomplete errata file.
    """
    errata = load_errata(corpus_dir)
    path = corpus_dir / PROFILE_FILE
    if not path.is_file():
        return replace(NEUTRAL, errata=errata)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ProfileError(f"{path} is not valid TOML: {error}") from error
    return replace(parse_profile(data, str(path)), errata=errata)


def parse_profile(data: Mapping[str, Any], where: str = PROFILE_FILE) -> CorpusProfile:
    """A profile from the parsed TOML tables `words`, `questions` and `exam` (see corpus/profile.toml)."""
    read = _Reader(where)
    words = read.table(data, "words")
    questions = read.table(data, "questions")
    return CorpusProfile(
        dropped_words=frozenset(w.lower() for w in read.strings(words, "words.dropped")),
        invariant_plurals=frozenset(w.lower() for w in read.strings(words, "words.invariant_plurals")),
        trivial_terms=frozenset(w.lower() for w in read.strings(words, "words.trivial_terms")),
        name_prefixes=read.strings(words, "words.name_prefixes"),
        proper_nouns=read.strings(words, "words.proper_nouns"),
        example_question=read.text(questions, "questions.example", ""),
        warm_up_question=read.text(questions, "questions.warm_up", WARM_UP_QUESTION),
        exam=_exam(read, read.table(data, "exam")),
    )


def _exam(read: _Reader, exam: Mapping[str, Any]) -> ExamBlueprint:
    domains = []
    for number, domain in enumerate(read.tables(exam, "exam.domains"), start=1):
        key = f"exam.domains[{number}]"
        weight = read.number(domain, f"{key}.weight", None)
        if weight is None or weight <= 0:
            raise ProfileError(f"{read.where}: {key}.weight must be a number above 0")
        domains.append(
            ExamDomain(read.text(domain, f"{key}.name", ""), weight, read.strings(domain, f"{key}.sections"))
        )
    if any(not d.name for d in domains) or len({d.name for d in domains}) != len(domains):
        raise ProfileError(f"{read.where}: every exam domain needs a name of its own")
    questions = read.number(exam, "exam.questions", DEFAULT_EXAM_QUESTIONS)
    minutes = read.number(exam, "exam.minutes", DEFAULT_EXAM_MINUTES)
    if questions < 1 or minutes < 1 or questions != int(questions) or minutes != int(minutes):
        raise ProfileError(f"{read.where}: exam.questions and exam.minutes must be whole numbers above 0")
    return ExamBlueprint(read.text(exam, "exam.name", ""), int(questions), int(minutes), tuple(domains))


@dataclass(frozen=True)
class _Reader:
    """Typed reads of the TOML tables, each failing with the file and the dotted key."""

    where: str

    def _get(self, table: Mapping[str, Any], key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = table.get(key.rsplit(".", 1)[-1], default)
        if value is not default and (not isinstance(value, kind) or isinstance(value, bool)):
            raise ProfileError(f"{self.where}: {key} has the wrong type ({type(value).__name__})")
        return value

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        return self._get(data, key, dict, {})

    def tables(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        items = self._get(data, key, list, [])
        if not all(isinstance(item, dict) for item in items):
            raise ProfileError(f"{self.where}: {key} must be a list of tables ([[{key}]])")
        return items

    def strings(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        items = self._get(table, key, list, [])
        if not all(isinstance(item, str) and item.strip() for item in items):
            raise ProfileError(f"{self.where}: {key} must be a list of non-empty strings")
        return tuple(item.strip() for item in items)

    def text(self, table: Mapping[str, Any], key: str, default: str) -> str:
        return str(self._get(table, key, str, default)).strip()

    def number(self, table: Mapping[str, Any], key: str, default: float | None) -> Any:
        return self._get(table, key, (int, float), default)


_fallback: CorpusProfile = NEUTRAL
_in_use: ContextVar[CorpusProfile | None] = ContextVar("profile_in_use", default=None)


def active_profile() -> CorpusProfile:
    """The profile of the notes being worked on here: the one `using_profile` set in this context (a notes
    bundle's), else the one `activate` set for the process (a build), else NEUTRAL."""
    return _in_use.get() or _fallback


@contextmanager
def using_profile(profile: CorpusProfile) -> Iterator[CorpusProfile]:
    """Run the enclosed work (in this thread or task only) under `profile`; other contexts are unaffected."""
    token = _in_use.set(profile)
    try:
        yield profile
    finally:
        _in_use.reset(token)


def activate(profile: CorpusProfile) -> None:
    """Make `profile` the process's fallback (a build process works on one set of notes): the text rules follow it
    wherever no `using_profile` is in force."""
    global _fallback
    _fallback = profile
