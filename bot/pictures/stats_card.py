"""A member's stats card: name, avatar, streaks, freezes, accuracy, reviews due, points, 12-week heatmap."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

from PIL import ImageDraw

from bot.pictures.canvas import Box, draw_avatar, new_canvas
from bot.pictures.fonts import TextStyle, draw_text, fit_text, member_name
from bot.pictures.heatmap import HeatmapLayout, draw_heatmap, draw_legend, first_day_shown
from bot.pictures.png import to_png
from bot.pictures.theme import (
    BLURPLE,
    FAINT,
    GOLD,
    MUTED,
    ORANGE,
    PANEL,
    SILVER,
    TEXT,
    Colour,
    share_colour,
)

CARD_WIDTH = 760
CARD_HEIGHT = 640
MARGIN = 28
_TILE_TOP, _TILE_HEIGHT, _TILE_GAP, _TILE_COLUMNS = 124, 80, 14, 3
_PANEL = Box(MARGIN, 318, CARD_WIDTH - MARGIN - 1, CARD_HEIGHT - MARGIN - 1)
# Where the heatmap grid sits on the card (tests use it to find a day's square).
STATS_HEATMAP = HeatmapLayout(left=_PANEL.left + 54, top=_PANEL.top + 76, cell=24, gap=5)

_NAME = TextStyle(size=30, weight=700)
_SUBTITLE = TextStyle(size=15)
_TILE_LABEL = TextStyle(size=13, weight=600)
_TILE_VALUE = TextStyle(size=30, weight=700)
_TILE_SUFFIX = TextStyle(size=15)
_PANEL_TITLE = TextStyle(size=17, weight=700)
_FACT_LABEL = TextStyle(size=13)
_FACT_VALUE = TextStyle(size=20, weight=700)


@dataclass(frozen=True)
class StatsCardData:
    """Everything the card shows, already computed; `answers_by_day` maps local dates to answer counts."""

    display_name: str
    current_streak: int
    best_streak: int
    freezes: int
    accuracy: float | None  # share of correct answers 0..1; None before the first answer
    reviews_due: int
    points: int
    today: date  # the member's local date
    answers_by_day: Mapping[date, int] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        counts = {
            "current_streak": self.current_streak,
            "best_streak": self.best_streak,
            "freezes": self.freezes,
            "reviews_due": self.reviews_due,
            "points": self.points,
        }
        for name, value in counts.items():
            if value < 0:
                raise ValueError(f"{name} must not be negative, got {value}")
        if self.accuracy is not None and not 0 <= self.accuracy <= 1:
            raise ValueError(f"accuracy must be between 0 and 1, got {self.accuracy}")
        if any(count < 0 for count in self.answers_by_day.values()):
            raise ValueError("answers_by_day counts must not be negative")


@dataclass(frozen=True)
class _Tile:
    label: str
    value: str
    colour: Colour
    suffix: str = ""


def _days(count: int) -> str:
    return "day" if count == 1 else "days"


def _tiles(card: StatsCardData) -> list[_Tile]:
    accuracy = (
        _Tile("ACCURACY", "—", FAINT)
        if card.accuracy is None
        else _Tile("ACCURACY", f"{round(card.accuracy * 100)}%", share_colour(card.accuracy))
    )
    return [
        _Tile("CURRENT STREAK", str(card.current_streak), ORANGE, _days(card.current_streak)),
        _Tile("BEST STREAK", str(card.best_streak), GOLD, _days(card.best_streak)),
        _Tile("STREAK FREEZES", str(card.freezes), SILVER, "held"),
        accuracy,
        _Tile("REVIEWS DUE", str(card.reviews_due), BLURPLE, "to review"),
        _Tile("POINTS", f"{card.points:,}", TEXT),
    ]


def tile_box(index: int) -> Box:
    """The box of stat tile `index` (row-major, three per row)."""
    width = (CARD_WIDTH - 2 * MARGIN - (_TILE_COLUMNS - 1) * _TILE_GAP) // _TILE_COLUMNS
    row, column = divmod(index, _TILE_COLUMNS)
    left = MARGIN + column * (width + _TILE_GAP)
    top = _TILE_TOP + row * (_TILE_HEIGHT + _TILE_GAP)
    return Box(left, top, left + width - 1, top + _TILE_HEIGHT - 1)


def _draw_tile(draw: ImageDraw.ImageDraw, box: Box, tile: _Tile) -> None:
    draw.rounded_rectangle(box, radius=10, fill=PANEL)
    draw_text(draw, box.left + 16, box.top + 26, tile.label, _TILE_LABEL, MUTED)
    value_width = draw_text(draw, box.left + 16, box.top + 64, tile.value, _TILE_VALUE, tile.colour)
    if tile.suffix:
        draw_text(draw, box.left + 24 + value_width, box.top + 64, tile.suffix, _TILE_SUFFIX, FAINT)


def _activity_facts(card: StatsCardData) -> list[tuple[str, str]]:
    start = first_day_shown(card.today)
    shown = {day: count for day, count in card.answers_by_day.items() if start <= day <= card.today and count}
    week_start = card.today - timedelta(days=card.today.weekday())
    this_week = sum(count for day, count in shown.items() if day >= week_start)
    best_day = max(shown.items(), key=lambda item: (item[1], item[0]), default=None)
    return [
        ("Answers", f"{sum(shown.values()):,}"),
        ("Active days", f"{len(shown)} / {(card.today - start).days + 1}"),
        ("This week", f"{this_week:,}"),
        ("Best day", "—" if best_day is None else f"{best_day[1]:,} · {best_day[0]:%b} {best_day[0].day}"),
    ]


def _draw_activity(draw: ImageDraw.ImageDraw, card: StatsCardData) -> None:
    draw.rounded_rectangle(_PANEL, radius=12, fill=PANEL)
    draw_text(draw, _PANEL.left + 20, _PANEL.top + 32, "Study activity · last 12 weeks", _PANEL_TITLE, TEXT)
    draw_heatmap(draw, STATS_HEATMAP, card.answers_by_day, card.today)
    facts_left = STATS_HEATMAP.left + STATS_HEATMAP.width + 48
    facts_width = _PANEL.right - 20 - facts_left
    for index, (label, value) in enumerate(_activity_facts(card)):
        top = STATS_HEATMAP.top + index * 50
        draw_text(draw, facts_left, top + 10, label.upper(), _FACT_LABEL, FAINT)
        draw_text(draw, facts_left, top + 36, fit_text(value, _FACT_VALUE, facts_width), _FACT_VALUE, TEXT)
    draw_legend(draw, _PANEL.right - 20, _PANEL.bottom - 14)


def render_stats_card(card: StatsCardData) -> bytes:
    """The member's stats card as PNG bytes (CARD_WIDTH × CARD_HEIGHT)."""
    image, draw = new_canvas(CARD_WIDTH, CARD_HEIGHT)
    name = member_name(card.display_name)
    draw_avatar(image, Box(MARGIN, MARGIN, MARGIN + 71, MARGIN + 71), name)
    name_left = MARGIN + 72 + 20
    draw_text(draw, name_left, MARGIN + 36, fit_text(name, _NAME, CARD_WIDTH - MARGIN - name_left), _NAME, TEXT)
    draw_text(
        draw,
        name_left,
        MARGIN + 64,
        f"Study stats · {card.today:%A} {card.today.day} {card.today:%B %Y}",
        _SUBTITLE,
        MUTED,
    )
    for index, tile in enumerate(_tiles(card)):
        _draw_tile(draw, tile_box(index), tile)
    _draw_activity(draw, card)
    return to_png(image)
