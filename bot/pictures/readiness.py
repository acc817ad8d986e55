"""Exam readiness: the stage on a three-step track, then one bar per exam domain with the member's mastery, the
target as a tick and the latest full mock's share beside it (bot/exam/readiness.py decides; this only draws)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import ImageDraw

from bot.pictures.canvas import Box, RowStack, draw_header, new_canvas
from bot.pictures.fonts import TextStyle, centred_baseline, draw_text, fit_text, member_name
from bot.pictures.png import to_png
from bot.pictures.table import Align, Column, Row, Table
from bot.pictures.theme import BLURPLE, FAINT, GREEN, MUTED, PANEL, TEXT, TRACK, YELLOW, share_colour

IMAGE_WIDTH = 680
MARGIN = 24
STAGE_TOP = 100
STAGE_HEIGHT = 36
ROWS = RowStack(left=MARGIN, right=IMAGE_WIDTH - MARGIN - 1, top=STAGE_TOP + STAGE_HEIGHT + 20, height=52, gap=6)
BAR_LEFT = MARGIN + 220
BAR_WIDTH = 240
BAR_HEIGHT = 14
_NAME = TextStyle(size=16, weight=700)
_SMALL = TextStyle(size=12)
_STAGE = TextStyle(size=14, weight=700)
_FOOTER = TextStyle(size=13)
STAGE_COLOURS = (TRACK, YELLOW, GREEN)
_TEXT_CELLS = 10


@dataclass(frozen=True)
class DomainBar:
    """One domain: mastery and target (0..1), and the latest full mock's share (None: none yet)."""

    name: str
    mastery: float
    target: float
    last_mock: float | None


@dataclass(frozen=True)
class ReadinessData:
    """What the picture shows: the member, the stages in order and the one reached, the domains, the full mocks'
    shares (latest first)."""

    display_name: str
    stages: tuple[str, ...]
    stage: str
    domains: tuple[DomainBar, ...]
    full_mocks: tuple[float, ...] = ()


def _percent(share: float) -> str:
    return f"{math.floor(round(share * 100, 6))}%"


def bar_track(index: int) -> Box:
    centre_y = ROWS.box(index).centre[1]
    top = centre_y - BAR_HEIGHT // 2
    return Box(BAR_LEFT, top, BAR_LEFT + BAR_WIDTH - 1, top + BAR_HEIGHT - 1)


def stage_box(data: ReadinessData, index: int) -> Box:
    """The track segment of stage `index` (tests read its colour)."""
    width = (IMAGE_WIDTH - 2 * MARGIN - 8 * (len(data.stages) - 1)) // len(data.stages)
    left = MARGIN + index * (width + 8)
    return Box(left, STAGE_TOP, left + width - 1, STAGE_TOP + STAGE_HEIGHT - 1)


def _draw_stages(draw: ImageDraw.ImageDraw, data: ReadinessData) -> None:
    reached = data.stages.index(data.stage)
    for index, stage in enumerate(data.stages):
        box = stage_box(data, index)
        fill = STAGE_COLOURS[min(reached, len(STAGE_COLOURS) - 1)] if index <= reached else PANEL
        draw.rounded_rectangle(box, radius=10, fill=fill)
        colour = TEXT if index <= reached else FAINT
        draw_text(draw, box.centre[0], centred_baseline(box.centre[1], _STAGE), stage.upper(), _STAGE, colour, "center")


def _draw_domain(draw: ImageDraw.ImageDraw, index: int, domain: DomainBar) -> None:
    box = ROWS.box(index)
    draw.rounded_rectangle(box, radius=10, fill=PANEL)
    draw_text(draw, box.left + 16, box.top + 23, fit_text(domain.name, _NAME, BAR_LEFT - 36 - box.left), _NAME, TEXT)
    mock = "no full mock yet" if domain.last_mock is None else f"latest full mock {_percent(domain.last_mock)}"
    draw_text(draw, box.left + 16, box.top + 41, mock, _SMALL, MUTED)
    track = bar_track(index)
    draw.rounded_rectangle(track, radius=BAR_HEIGHT // 2, fill=TRACK)
    length = math.floor(round(BAR_WIDTH * domain.mastery, 6))
    if length:
        filled = Box(track.left, track.top, track.left + length - 1, track.bottom)
        draw.rounded_rectangle(filled, radius=min(BAR_HEIGHT // 2, length // 2), fill=share_colour(domain.mastery))
    tick = track.left + round(BAR_WIDTH * domain.target)
    draw.rectangle(Box(tick - 1, track.top - 5, tick + 1, track.bottom + 5), fill=BLURPLE)
    right = IMAGE_WIDTH - MARGIN - 16
    figure = f"{_percent(domain.mastery)} / {_percent(domain.target)}"
    draw_text(draw, right, centred_baseline(box.centre[1], _NAME), figure, _NAME, TEXT, "right")


def render_readiness(data: ReadinessData) -> bytes:
    """The readiness picture as PNG bytes, IMAGE_WIDTH wide."""
    height = ROWS.bottom_after(max(1, len(data.domains))) + 44
    image, draw = new_canvas(IMAGE_WIDTH, height)
    subtitle = f"{member_name(data.display_name)} · mastery per exam domain against the target (the blue tick)"
    draw_header(draw, MARGIN, 18, "Exam readiness", subtitle, IMAGE_WIDTH - 2 * MARGIN)
    _draw_stages(draw, data)
    for index, domain in enumerate(data.domains):
        _draw_domain(draw, index, domain)
    draw_text(draw, MARGIN + 4, image.height - 20, _mocks_line(data), _FOOTER, FAINT)
    return to_png(image)


def _mocks_line(data: ReadinessData) -> str:
    if not data.full_mocks:
        return "No full mock exam yet."
    return "Full mocks, latest first: " + ", ".join(_percent(s) for s in data.full_mocks[:8])


def readiness_table(data: ReadinessData) -> Table:
    """The same as a table: per domain a ten-cell bar, mastery against the target, the latest full mock."""
    rows = []
    for domain in data.domains:
        cells = math.floor(round(domain.mastery * _TEXT_CELLS, 6))
        bar = "█" * cells + "░" * (_TEXT_CELLS - cells)
        mock = "" if domain.last_mock is None else f"mock {_percent(domain.last_mock)}"
        rows.append(Row((domain.name, bar, f"{_percent(domain.mastery)} / {_percent(domain.target)}", mock)))
    columns = (Column(width=24), Column(), Column(align=Align.RIGHT), Column())
    title = f"Exam readiness · {member_name(data.display_name)}: {data.stage}"
    return Table(title, columns, tuple(rows), notes=(_mocks_line(data),))
