"""Notes files that are not text (random bytes named .md) are skipped with a warning; text is kept."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from bot.knowledge.corpus import is_text, load_corpus


def test_random_bytes_named_md_are_skipped_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "noise.md").write_bytes(random.Random(3).randbytes(1_000_000))
    (notes / "noise-no-nul.md").write_bytes(bytes(b for b in random.Random(4).randbytes(20_000) if b))
    (notes / "s3.md").write_text("# S3\n\nBuckets hold objects.\n", encoding="utf-8")
    (notes / "latin1.md").write_bytes("# Café\n\nLes données sont chiffrées au repos.\n".encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="bot.knowledge.corpus"):
        documents = load_corpus(notes, tmp_path)
    assert [d.source for d in documents] == ["notes/latin1.md", "notes/s3.md"]
    skipped = [r.getMessage() for r in caplog.records if "not a text file" in r.getMessage()]
    assert len(skipped) == 2 and all("noise" in message for message in skipped)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"plain text\n", True),
        ("日本語のノート 🦊\n".encode(), True),
        (b"tabs\tand\r\nwindows lines\f", True),
        (b"a\0b", False),
        (bytes(range(1, 32)) * 10, False),
        (b"", True),
    ],
)
def test_what_counts_as_text(raw: bytes, text: bool) -> None:
    assert is_text(raw) is text
