"""Shared drawing helpers: boxes, canvases, panels and avatars."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import NamedTuple

from PIL import Image, ImageDraw

from bot.pictures.fonts import TextStyle, centred_baseline, draw_text, fit_text
from bot.pictures.theme import AVATAR_COLOURS, BACKGROUND, MUTED, PANEL, TEXT, Colour

_AVATAR_SUPERSAMPLING = 4


class Box(NamedTuple):
    """A rectangle in pixels; `right` and `bottom` are inclusive, as Pillow draws them."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def centre(self) -> tuple[int, int]:
        return (self.left + self.right) // 2, (self.top + self.bottom) // 2

    @property
    def width(self) -> int:
        return self.right - self.left + 1


@dataclass(frozen=True)
class RowStack:
    """Equal rows stacked down a picture, `gap` pixels apart, the first at `top`."""

    left: int
    right: int
    top: int
    height: int
    gap: int

    def box(self, index: int) -> Box:
        """The box of row `index`."""
        top = self.top + index * (self.height + self.gap)
        return Box(self.left, top, self.right, top + self.height - 1)

    def bottom_after(self, row_count: int) -> int:
        """The first pixel row below `row_count` rows (one row at least, for an empty-list notice)."""
        return self.box(max(row_count, 1) - 1).bottom + 1


def new_canvas(width: int, height: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A blank picture in the background colour and a drawing context on it."""
    image = Image.new("RGB", (width, height), BACKGROUND)
    return image, ImageDraw.Draw(image)


def avatar_colour(name: str) -> Colour:
    """A stable colour per name (the same on every run and machine)."""
    return AVATAR_COLOURS[zlib.crc32(name.encode()) % len(AVATAR_COLOURS)]


def initial(name: str) -> str:
    """The first letter (or emoji) of a name, upper-cased; "?" for an empty name."""
    stripped = name.strip()
    return stripped[0].upper() if stripped else "?"


def draw_avatar(image: Image.Image, box: Box, name: str) -> None:
    """A smooth filled circle in the name's colour with its initial in the middle."""
    scale = _AVATAR_SUPERSAMPLING
    size = box.width * scale
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, size - 1, size - 1), fill=255)
    mask = mask.resize((box.width, box.width), Image.Resampling.LANCZOS)
    image.paste(avatar_colour(name), (box.left, box.top, box.left + box.width, box.top + box.width), mask)
    style = TextStyle(size=box.width * 9 // 20, weight=700)
    centre_x, centre_y = box.centre
    draw_text(
        ImageDraw.Draw(image),
        centre_x,
        centred_baseline(centre_y, style),
        initial(name),
        style,
        TEXT,
        "center",
    )


def draw_header(draw: ImageDraw.ImageDraw, left: int, top: int, title: str, subtitle: str, width: int) -> None:
    """A bold title with a muted subtitle under it, both shortened to fit `width`."""
    title_style, subtitle_style = TextStyle(size=26, weight=700), TextStyle(size=15)
    draw_text(draw, left, top + 28, fit_text(title, title_style, width), title_style, TEXT)
    draw_text(draw, left, top + 54, fit_text(subtitle, subtitle_style, width), subtitle_style, MUTED)


def draw_notice(draw: ImageDraw.ImageDraw, box: Box, message: str) -> None:
    """A panel with a muted message in its middle (e.g. an empty list)."""
    style = TextStyle(size=17, weight=600)
    draw.rounded_rectangle(box, radius=10, fill=PANEL)
    draw_text(draw, box.centre[0], centred_baseline(box.centre[1], style), message, style, MUTED, "center")
