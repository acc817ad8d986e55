"""A quiz item (one recall question from the notes, with its answer and source), its stable id, and its JSON Lines
file (`prompts.jsonl`, named so for the indexes already built)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from bot.errors import NotesIndexError

PROMPTS_FILE = "prompts.jsonl"  # beside the notes index
TRUE_FALSE = ("True", "False")  # the answers a true/false statement is picked from


class ItemKind(StrEnum):
    """What a quiz item asks for; the value is what prompts.jsonl and stored daily posts hold."""

    CLOZE = "cloze"  # a term blanked out of a sentence, typed
    DEFINITION = "definition"  # the term a definition defines, typed
    MULTIPLE_CHOICE = "multiple_choice"
    NUMERIC = "numeric"  # a number (with its unit) blanked out, typed
    TRUE_FALSE = "true_false"
    COMPARISON = "comparison"  # which of the compared things a statement is about, picked


@dataclass(frozen=True)
class QuizItem:
    """One question from the notes; `start_line`..`end_line` of `source` hold its answer."""

    id: str
    kind: ItemKind
    question: str
    answer: str
    accepted: tuple[str, ...]
    choices: tuple[str, ...] | None
    source: str
    heading_path: tuple[str, ...]
    start_line: int
    end_line: int
    topic: str
    explanation: str = field(default="")
    quality: float = 0.0  # the generator's score: higher is a better study question

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["accepted"] = list(self.accepted)
        data["choices"] = None if self.choices is None else list(self.choices)
        data["heading_path"] = list(self.heading_path)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuizItem:
        choices = data.get("choices")
        return cls(
            id=str(data["id"]),
            kind=ItemKind(data["kind"]),
            question=str(data["question"]),
            answer=str(data["answer"]),
            accepted=tuple(str(a) for a in data.get("accepted") or ()),
            choices=None if choices is None else tuple(str(c) for c in choices),
            source=str(data["source"]),
            heading_path=tuple(str(h) for h in data.get("heading_path") or ()),
            start_line=int(data["start_line"]),
            end_line=int(data["end_line"]),
            topic=str(data["topic"]),
            explanation=str(data.get("explanation") or ""),
            quality=float(data.get("quality") or 0.0),
        )


def answer_options(prompt: QuizItem) -> tuple[str, ...] | None:
    """The answers a member picks from (its choices; True and False for a statement), or None: typed."""
    if prompt.choices:
        return prompt.choices
    return TRUE_FALSE if prompt.kind == ItemKind.TRUE_FALSE else None


def prompt_id(kind: str, *parts: str) -> str:
    """A stable id from the kind and what the prompt was made of (its sentence, its term)."""
    key = "\x1f".join((kind, *(" ".join(p.split()) for p in parts)))
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def stable_hash(key: str) -> int:
    """A number that depends only on `key` (not on the process, unlike hash())."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:12], 16)


def save_prompts(path: Path, prompts: list[QuizItem]) -> None:
    """Write one JSON object per line, atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for prompt in prompts:
                out.write(json.dumps(prompt.as_dict(), ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_prompts(path: Path) -> list[QuizItem]:
    """Read a file written by `save_prompts`; a corrupt line raises NotesIndexError naming it."""
    prompts = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                prompts.append(QuizItem.from_dict(json.loads(line)))
            except (ValueError, KeyError, TypeError) as error:
                raise NotesIndexError(f"{path} line {number} is not a valid prompt; rebuild the index") from error
    return prompts
