"""A note on one enormous line chunks in linear time: packing 4x the words takes about 4x as long, not 16x."""

from __future__ import annotations

import gc
import time

from bot.knowledge.chunking import _Fragment, _pack, _Section, _Unit

MAX_CHARS = 1500


def one_line_section(words: int) -> _Section:
    """A section holding a single line of `words` words (no sentence ends: it is split into words)."""
    line = " ".join(f"word{n % 97}" for n in range(words))
    return _Section(("Big",), [_Unit([_Fragment(1, line)])])


def fits(_heading_path: tuple[str, ...], body: str) -> bool:
    return len(body) <= MAX_CHARS  # a cheap check, so the time measured is the packing's own


def packing_seconds(words: int) -> float:
    """The best of three CPU times to pack a one-line section of `words` words."""
    best = float("inf")
    for _ in range(3):
        section = one_line_section(words)
        gc.disable()  # the collector's passes over every object made so far would blur the packing's own cost
        try:
            started = time.process_time()
            chunks = list(_pack(section, fits))
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
        assert all(len(chunk.text) <= MAX_CHARS for chunk in chunks)
    return best


def test_packing_one_enormous_line_is_linear() -> None:
    small, large = packing_seconds(20_000), packing_seconds(320_000)  # about 0.15 MB and 2.4 MB of text
    assert large / max(small, 1e-3) < 32, (small, large)  # linear: about 16; before the fix: over 40
