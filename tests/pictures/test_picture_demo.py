"""The demo script writes the three reference pictures, and the committed ones are up to date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageChops

from bot.pictures.demo import write_demo

Decode = Callable[[bytes], Image.Image]
COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "img"


def test_demo_writes_the_reference_pictures_like_the_committed_ones(tmp_path: Path, decode: Decode) -> None:
    paths = write_demo(tmp_path / "img")
    assert [path.name for path in paths] == ["stats-card.png", "leaderboard.png", "mastery.png"]
    for path in paths:
        fresh, committed = decode(path.read_bytes()), decode((COMMITTED / path.name).read_bytes())
        assert fresh.size == committed.size
        assert ImageChops.difference(fresh, committed).getbbox() is None, f"rerun the demo: {path.name} changed"
