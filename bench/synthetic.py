"""A bigger corpus made from the default notes: sections and sentences permuted, every heading made distinct."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
PLAIN_LINE = re.compile(r"^[A-Za-z(\"']")


def _sections(text: str) -> list[list[str]]:
    sections: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.startswith("#"):
            sections.append([])
        sections[-1].append(line)
    return [s for s in sections if s]


def _reworded(line: str, rng: random.Random) -> str:
    if not PLAIN_LINE.match(line):
        return line  # code, tables, lists, images stay as they are
    sentences = SENTENCE_END.split(line)
    rng.shuffle(sentences)
    return " ".join(sentences)


def variant(text: str, number: int) -> str:
    """One permuted copy of a note whose headings carry the copy's number."""
    rng = random.Random(number)
    head, *rest = _sections(text)
    rng.shuffle(rest)
    lines = []
    for section in [head, *rest]:
        for line in section:
            if line.startswith("#"):
                lines.append(f"{line} (set {number})")
            else:
                lines.append(_reworded(line, rng))
    return "\n".join(lines) + "\n"


def write_corpus(source: Path, folder: Path, copies: int) -> Path:
    """`copies` variants of every note of `source` in `folder`."""
    folder.mkdir(parents=True)
    for note in sorted(source.glob("*.md")):
        text = note.read_text(encoding="utf-8")
        for number in range(1, copies + 1):
            (folder / f"{note.stem}-set{number:03d}.md").write_text(variant(text, number), encoding="utf-8")
    return folder


def noisy_vectors(base: np.ndarray, copies: int, noise: float = 0.35, seed: int = 3) -> np.ndarray:
    """`copies` perturbed, re-normalised copies of `base`: clustered like real notes, without embedding them."""
    rng = np.random.default_rng(seed)
    stacked = np.repeat(base, copies, axis=0)
    stacked = stacked + rng.normal(scale=noise / np.sqrt(base.shape[1]), size=stacked.shape).astype(np.float32)
    stacked /= np.linalg.norm(stacked, axis=1, keepdims=True)
    return np.ascontiguousarray(stacked, dtype=np.float32)
