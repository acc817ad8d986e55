"""A GitHub-style calendar heatmap: one column per week, rows Monday..Sunday, colour by answer count."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from PIL import ImageDraw

from bot.pictures.canvas import Box
from bot.pictures.fonts import TextStyle, centred_baseline, draw_text
from bot.pictures.theme import FAINT, TEXT, Colour

HEATMAP_WEEKS = 12
# Smallest answer count of levels 1..4 (level 0: no answers that day).
LEVEL_THRESHOLDS = (1, 3, 6, 10)
HEAT_COLOURS: tuple[Colour, ...] = ((57, 60, 67), (14, 68, 41), (0, 109, 50), (38, 166, 65), (57, 211, 83))
_DAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri", 6: "Sun"}
_LABEL_STYLE = TextStyle(size=12)
_TODAY_OUTLINE = 2


def heat_level(count: int) -> int:
    """The colour level 0..4 for a day with `count` answers."""
    return bisect_right(LEVEL_THRESHOLDS, count)


def first_day_shown(today: date) -> date:
    """The Monday that starts the first of the weeks shown (the last week holds `today`)."""
    return today - timedelta(days=today.weekday(), weeks=HEATMAP_WEEKS - 1)


@dataclass(frozen=True)
class HeatmapLayout:
    """Where the grid sits: its top-left cell corner, cell side and gap between cells, in pixels."""

    left: int
    top: int
    cell: int = 22
    gap: int = 5

    @property
    def pitch(self) -> int:
        """Distance from one square to the next."""
        return self.cell + self.gap

    @property
    def width(self) -> int:
        """Width of the whole grid."""
        return HEATMAP_WEEKS * self.pitch - self.gap

    def cell_box(self, day: date, today: date) -> Box | None:
        """The square of `day`, or None when `day` is not shown (before the window or after today)."""
        offset = (day - first_day_shown(today)).days
        return self.box_at_offset(offset) if offset >= 0 and day <= today else None

    def box_at_offset(self, offset: int) -> Box:
        """The square of the day `offset` days after the first day shown."""
        left = self.left + (offset // 7) * self.pitch
        top = self.top + (offset % 7) * self.pitch
        return Box(left, top, left + self.cell - 1, top + self.cell - 1)

    def today_outline(self, today: date) -> Box:
        """The ring drawn around today's square, just outside it."""
        cell = self.box_at_offset((today - first_day_shown(today)).days)
        grow = _TODAY_OUTLINE + 1
        return Box(cell.left - grow, cell.top - grow, cell.right + grow, cell.bottom + grow)


def draw_heatmap(
    draw: ImageDraw.ImageDraw, layout: HeatmapLayout, answers_by_day: Mapping[date, int], today: date
) -> None:
    """Draw the grid with weekday labels on the left and month labels above the columns."""
    start = first_day_shown(today)
    for row, label in _DAY_LABELS.items():
        centre_y = layout.top + row * layout.pitch + layout.cell / 2
        draw_text(
            draw,
            layout.left - 8,
            centred_baseline(centre_y, _LABEL_STYLE),
            label,
            _LABEL_STYLE,
            FAINT,
            "right",
        )
    for week in range(HEATMAP_WEEKS):
        monday = start + timedelta(weeks=week)
        if week == 0 or monday.month != (monday - timedelta(weeks=1)).month:
            draw_text(
                draw,
                layout.left + week * layout.pitch,
                layout.top - 8,
                monday.strftime("%b"),
                _LABEL_STYLE,
                FAINT,
            )
    for offset in range((today - start).days + 1):
        colour = HEAT_COLOURS[heat_level(answers_by_day.get(start + timedelta(days=offset), 0))]
        draw.rounded_rectangle(layout.box_at_offset(offset), radius=4, fill=colour)
    draw.rounded_rectangle(layout.today_outline(today), radius=6, outline=TEXT, width=_TODAY_OUTLINE)


def draw_legend(draw: ImageDraw.ImageDraw, right: int, baseline: int, cell: int = 12) -> None:
    """ "Less ▪▪▪▪▪ More", right-aligned on `right`."""
    more_width = draw_text(draw, right, baseline, "More", _LABEL_STYLE, FAINT, "right")
    x = right - more_width - 6 - len(HEAT_COLOURS) * (cell + 3)
    draw_text(draw, x - 6, baseline, "Less", _LABEL_STYLE, FAINT, "right")
    for colour in HEAT_COLOURS:
        draw.rounded_rectangle((x, baseline - cell + 1, x + cell - 1, baseline), radius=2, fill=colour)
        x += cell + 3
