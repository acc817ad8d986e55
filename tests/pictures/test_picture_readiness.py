"""The readiness picture and its text twin: the stage reached on the track, one row per domain, the mocks line."""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image

from bot.discord.tables import code_block
from bot.pictures.readiness import (
    IMAGE_WIDTH,
    STAGE_COLOURS,
    DomainBar,
    ReadinessData,
    bar_track,
    readiness_table,
    render_readiness,
    stage_box,
)
from bot.pictures.theme import PANEL, share_colour

Decode = Callable[[bytes], Image.Image]
STAGES = ("not ready", "getting there", "ready")
DOMAINS = (DomainBar("Development", 0.9, 0.7, 0.85), DomainBar("Security", 0.3, 0.7, None))


def test_the_stage_reached_is_coloured_and_the_rest_is_not(decode: Decode) -> None:
    data = ReadinessData("ana", STAGES, "getting there", DOMAINS, (0.82, 0.71))
    image = decode(render_readiness(data))
    assert image.width == IMAGE_WIDTH
    for index, expected in enumerate((STAGE_COLOURS[1], STAGE_COLOURS[1], PANEL)):
        box = stage_box(data, index)
        assert image.getpixel((box.left + 6, box.centre[1])) == expected
    strong, weak = bar_track(0), bar_track(1)
    assert image.getpixel((strong.left + 4, strong.centre[1])) == share_colour(0.9)
    assert image.getpixel((weak.left + 4, weak.centre[1])) == share_colour(0.3)


def test_text_twin() -> None:
    text = code_block(readiness_table(ReadinessData("ana", STAGES, "not ready", DOMAINS)))
    assert text.startswith("```") and "ana: not ready" in text
    assert "Development" in text and " 90% / 70%  mock 85%" in text and " 30% / 70%" in text
    assert "No full mock exam yet." in text
