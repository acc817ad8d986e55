"""The leaderboard as a picture and as a table (its text twin) showing the same rows.

Drawing is memoised by content: a board whose rows, names, points and streaks are all unchanged returns the PNG
drawn before (a hash of the data, no drawing), and a changed board draws and deflates only its changed rows (the
header and each row are kept as deflated PNG bands by their content, `bot.pictures.png`). Keys are the whole data,
so nothing can be served stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from PIL import Image, ImageDraw

from bot.pictures.canvas import Box, RowStack, draw_avatar, draw_header, draw_notice, new_canvas
from bot.pictures.fonts import TextStyle, centred_baseline, draw_text, fit_text, member_name
from bot.pictures.png import Band, band, png_of
from bot.pictures.table import Align, Column, Row, Table
from bot.pictures.theme import (
    BLURPLE,
    FAINT,
    HIGHLIGHT_ROW,
    MEDALS,
    MUTED,
    ORANGE,
    PANEL,
    PANEL_DEEP,
    TEXT,
)

MAX_ROWS = 20
PICTURES_KEPT = 64  # whole boards (a member's own highlight makes each asker's picture its own)
TILES_KEPT = 1024  # drawn rows (a few KB each, deflated)
IMAGE_WIDTH = 680
MARGIN = 24
# Where the rows of `visible_rows` (or the empty-board notice) sit: tests find a row's pixels with it.
ROWS = RowStack(left=MARGIN, right=IMAGE_WIDTH - MARGIN - 1, top=134, height=46, gap=6)
_BOTTOM = 24
_NAME_COLUMNS = 20
_RANK = TextStyle(size=17, weight=700)
_NAME = TextStyle(size=18, weight=600)
_NUMBER = TextStyle(size=18, weight=700)
_SMALL = TextStyle(size=13, weight=600)
_POINTS_RIGHT = IMAGE_WIDTH - MARGIN - 130
_STREAK_RIGHT = IMAGE_WIDTH - MARGIN - 22
_NAME_LEFT = MARGIN + 104
_ROW_BOX = Box(ROWS.left, 0, ROWS.right, ROWS.height - 1)  # a row's box on its own strip
EMPTY_MESSAGE = "No points yet: answer a quiz to get on the board."
ASKER_MARK = ">"


@dataclass(frozen=True)
class LeaderboardEntry:
    """One ranked member; `is_asker` marks the member who asked, whose row is highlighted."""

    rank: int
    name: str
    points: int
    streak: int
    is_asker: bool = False

    def __post_init__(self) -> None:
        if self.rank < 1 or self.points < 0 or self.streak < 0:
            raise ValueError(f"bad leaderboard entry: rank {self.rank}, points {self.points}, streak {self.streak}")


@dataclass(frozen=True)
class LeaderboardImageData:
    """A ranked board: `scope` (e.g. "Server", "Group Night Owls"), `period` (e.g. "This week").

    `entries` are ordered by rank (ties share a rank); ranks may skip, e.g. the top ten then the asker at 37:
    a "⋯" row then marks the skipped places.
    """

    scope: str
    period: str
    entries: tuple[LeaderboardEntry, ...] = ()

    def __post_init__(self) -> None:
        ranks = [entry.rank for entry in self.entries]
        if ranks != sorted(ranks):
            raise ValueError("leaderboard entries must be ordered by rank")


def visible_rows(data: LeaderboardImageData) -> list[LeaderboardEntry | None]:
    """The rows both versions show, in order; None is a "⋯" row standing for skipped ranks.

    At most MAX_ROWS entries are kept, always including the asker.
    """
    kept = list(data.entries[:MAX_ROWS])
    asker = next((entry for entry in data.entries[MAX_ROWS:] if entry.is_asker), None)
    if asker is not None:
        kept[-1] = asker
    rows: list[LeaderboardEntry | None] = []
    for position, entry in enumerate(kept):
        previous_rank = kept[position - 1].rank if position else 0
        # Competition ranking (1, 1, 3) never puts rank r past position r - 1 unless places were skipped.
        if entry.rank > previous_rank + 1 and entry.rank > position + 1:
            rows.append(None)
        rows.append(entry)
    return rows


def leaderboard_title(data: LeaderboardImageData) -> tuple[str, str]:
    """Title and subtitle lines."""
    return f"{data.scope} leaderboard", data.period


def image_height(row_count: int) -> int:
    """Picture height for `row_count` rows (at least one, for the empty-board message)."""
    return ROWS.bottom_after(row_count) + _BOTTOM


def _draw_rank(draw: ImageDraw.ImageDraw, box: Box, rank: int) -> None:
    centre_x, centre_y = box.left + 30, box.centre[1]
    if rank <= len(MEDALS):
        draw.ellipse((centre_x - 15, centre_y - 15, centre_x + 15, centre_y + 15), fill=MEDALS[rank - 1])
        draw_text(draw, centre_x, centred_baseline(centre_y, _RANK), str(rank), _RANK, PANEL_DEEP, "center")
    else:
        draw_text(draw, centre_x, centred_baseline(centre_y, _RANK), f"{rank:,}", _RANK, MUTED, "center")


@lru_cache(maxsize=TILES_KEPT)
def _entry_band(entry: LeaderboardEntry) -> Band:
    """One row drawn on a strip of the background as wide as the picture (the same pixels as drawn in place, since
    only whole pixels separate the rows), deflated once."""
    tile, _ = new_canvas(IMAGE_WIDTH, ROWS.height)
    _draw_entry(tile, _ROW_BOX, entry)
    return band(tile)


@lru_cache(maxsize=PICTURES_KEPT)
def _header_band(title: str, subtitle: str) -> Band:
    """The title, subtitle and column heads: everything above the first row."""
    image, draw = new_canvas(IMAGE_WIDTH, ROWS.top)
    draw_header(draw, MARGIN, 18, title, subtitle, IMAGE_WIDTH - 2 * MARGIN)
    head_baseline = ROWS.top - 12
    draw_text(draw, MARGIN + 30, head_baseline, "RANK", _SMALL, FAINT, "center")
    draw_text(draw, _NAME_LEFT, head_baseline, "MEMBER", _SMALL, FAINT)
    draw_text(draw, _POINTS_RIGHT, head_baseline, "POINTS", _SMALL, FAINT, "right")
    draw_text(draw, _STREAK_RIGHT, head_baseline, "STREAK", _SMALL, FAINT, "right")
    return band(image)


@cache
def _plain_band(height: int, mark: Callable[[ImageDraw.ImageDraw, Box], None] | None = None) -> Band:
    """A strip of the background `height` pixels high, with `mark` drawn in a row's box on it."""
    image, draw = new_canvas(IMAGE_WIDTH, height)
    if mark is not None:
        mark(draw, _ROW_BOX)
    return band(image)


def _draw_entry(image: Image.Image, box: Box, entry: LeaderboardEntry) -> None:
    draw = ImageDraw.Draw(image)
    name = member_name(entry.name)
    draw.rounded_rectangle(box, radius=10, fill=HIGHLIGHT_ROW if entry.is_asker else PANEL)
    if entry.is_asker:
        draw.rounded_rectangle((box.left, box.top, box.left + 4, box.bottom), radius=2, fill=BLURPLE)
    _draw_rank(draw, box, entry.rank)
    centre_y = box.centre[1]
    draw_avatar(image, Box(box.left + 60, centre_y - 15, box.left + 89, centre_y + 14), name)
    baseline = centred_baseline(centre_y, _NAME)
    name_room = _POINTS_RIGHT - 110 - _NAME_LEFT
    name_colour = MEDALS[entry.rank - 1] if entry.rank <= len(MEDALS) else TEXT
    name_width = draw_text(draw, _NAME_LEFT, baseline, fit_text(name, _NAME, name_room), _NAME, name_colour)
    if entry.is_asker:
        pill_left = _NAME_LEFT + name_width + 10
        draw.rounded_rectangle((pill_left, centre_y - 10, pill_left + 38, centre_y + 10), radius=10, fill=BLURPLE)
        draw_text(draw, pill_left + 19, centred_baseline(centre_y, _SMALL), "you", _SMALL, TEXT, "center")
    draw_text(draw, _POINTS_RIGHT, baseline, f"{entry.points:,}", _NUMBER, TEXT, "right")
    streak_width = draw_text(draw, _STREAK_RIGHT, baseline, f"{entry.streak:,}", _NUMBER, ORANGE, "right")
    draw_text(draw, _STREAK_RIGHT - streak_width - 6, baseline, "🔥", _NUMBER, ORANGE, "right")


def _draw_gap(draw: ImageDraw.ImageDraw, box: Box) -> None:
    centre_x, centre_y = box.left + 30, box.centre[1]
    for dx in (-8, 0, 8):
        draw.ellipse((centre_x + dx - 2, centre_y - 2, centre_x + dx + 2, centre_y + 2), fill=FAINT)


def _draw_empty(draw: ImageDraw.ImageDraw, box: Box) -> None:
    draw_notice(draw, box, EMPTY_MESSAGE)


@lru_cache(maxsize=PICTURES_KEPT)
def render_leaderboard(data: LeaderboardImageData) -> bytes:
    """The leaderboard as PNG bytes: IMAGE_WIDTH wide, height from the number of rows.

    The same data (equal by value) gives the same bytes object back without drawing (`cache_info()` counts); a
    changed board is assembled from the deflated bands of its header and rows kept from earlier pictures
    (`bot.pictures.png`), drawing and deflating only what is new.
    """
    rows = visible_rows(data)
    bands = [_header_band(*leaderboard_title(data))]
    if not rows:
        bands.append(_plain_band(ROWS.height, _draw_empty))
    for index, row in enumerate(rows):
        if index:
            bands.append(_plain_band(ROWS.gap))
        bands.append(_plain_band(ROWS.height, _draw_gap) if row is None else _entry_band(row))
    bands.append(_plain_band(_BOTTOM))
    return png_of(bands)


def forget_drawn() -> None:
    """Drop every kept picture and row (benchmarks measure drawing from nothing with it)."""
    render_leaderboard.cache_clear()
    _entry_band.cache_clear()
    _header_band.cache_clear()
    _plain_band.cache_clear()


def leaderboard_table(data: LeaderboardImageData) -> Table:
    """The same rows as a table: rank, member, points and streak; the asker's rows marked, a "⋯" row for skipped
    places."""
    rows = visible_rows(data)
    title, subtitle = leaderboard_title(data)
    shown = tuple(
        Row(("⋯", "", "", ""))
        if row is None
        else Row((f"{row.rank:,}", member_name(row.name), f"{row.points:,}", f"{row.streak:,}"), row.is_asker)
        for row in rows
    )
    columns = (
        Column("#", Align.RIGHT),
        Column("Member", width=_NAME_COLUMNS),
        Column("Points", Align.RIGHT),
        Column("Streak", Align.RIGHT),
    )
    notes = (f"{ASKER_MARK} marks you",) if any(row is not None and row.is_asker for row in rows) else ()
    return Table(f"{title} · {subtitle}", columns, shown, EMPTY_MESSAGE, notes, ASKER_MARK)
