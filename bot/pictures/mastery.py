"""Topic mastery: one bar per top-level topic with how much of it the member has mastered (bot/quiz/mastery.py
defines the figure and the topic to study next; this module only draws them)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import ImageDraw

from bot.pictures.canvas import Box, RowStack, draw_header, draw_notice, new_canvas
from bot.pictures.fonts import TextStyle, centred_baseline, draw_text, fit_text, member_name
from bot.pictures.png import to_png
from bot.pictures.table import Align, Column, Row, Table
from bot.pictures.theme import BLURPLE, FAINT, HIGHLIGHT_ROW, MUTED, PANEL, TEXT, TRACK, share_colour
from bot.quiz.mastery import TopicMastery

MAX_TOPICS = 20
IMAGE_WIDTH = 680
MARGIN = 24
# Where the topic rows (or the no-topics notice) sit: tests find a row's pixels with it.
ROWS = RowStack(left=MARGIN, right=IMAGE_WIDTH - MARGIN - 1, top=110, height=52, gap=6)
BAR_LEFT = MARGIN + 220
BAR_WIDTH = 220
BAR_HEIGHT = 14
_PERCENT_RIGHT = BAR_LEFT + BAR_WIDTH + 56
_TOPIC = TextStyle(size=16, weight=700)
_PROMPTS = TextStyle(size=12)
_PERCENT = TextStyle(size=16, weight=700)
_PILL = TextStyle(size=12, weight=700)
_FOOTER = TextStyle(size=13)
_TEXT_BAR_CELLS = 10
_TEXT_TOPIC_COLUMNS = 24
EMPTY_MESSAGE = "No topics yet: answer a few quiz prompts first."


NOT_STARTED = "not started"


@dataclass(frozen=True)
class MasteryData:
    """A member's mastery of each top-level topic (any order: the picture sorts them) and the topic to study next
    (a started topic, or None)."""

    display_name: str
    topics: tuple[TopicMastery, ...] = ()
    study_next: str | None = None


def ordered_topics(data: MasteryData) -> tuple[list[TopicMastery], int]:
    """The topics shown — started ones weakest first, then those not started (ties by name) — and how many more
    are left out."""
    ordered = sorted(data.topics, key=lambda t: (not t.studied, t.mastery, t.topic.casefold()))
    return ordered[:MAX_TOPICS], max(len(ordered) - MAX_TOPICS, 0)


def percent(mastery: float) -> str:
    """Whole percent rounded down, so only full mastery reads 100%."""
    return f"{math.floor(round(mastery * 100, 6))}%"


def shown_figure(topic: TopicMastery) -> str:
    """What a topic's row says: its percent, or that it is not started."""
    return percent(topic.mastery) if topic.studied else NOT_STARTED


def _left_out(count: int) -> str:
    return f"+{count} more topic{'s' if count > 1 else ''} not shown"


def bar_track(index: int) -> Box:
    """The full-length (100 %) bar of row `index`."""
    centre_y = ROWS.box(index).centre[1]
    top = centre_y - BAR_HEIGHT // 2
    return Box(BAR_LEFT, top, BAR_LEFT + BAR_WIDTH - 1, top + BAR_HEIGHT - 1)


def bar_length(mastery: float) -> int:
    """Filled length in pixels of a bar for `mastery` (rounded down, like the percent)."""
    return math.floor(round(BAR_WIDTH * mastery, 6))


def image_height(row_count: int, has_footer: bool) -> int:
    """Picture height for `row_count` rows (at least one, for the empty message)."""
    return ROWS.bottom_after(row_count) + (44 if has_footer else 24)


def _subtitle(data: MasteryData) -> str:
    return f"{member_name(data.display_name)} · how much of each topic you have mastered"


def _draw_topic(draw: ImageDraw.ImageDraw, index: int, topic: TopicMastery, study_next: bool) -> None:
    box = ROWS.box(index)
    draw.rounded_rectangle(box, radius=10, fill=HIGHLIGHT_ROW if study_next else PANEL)
    label_width = BAR_LEFT - 20 - (box.left + 16)
    draw_text(draw, box.left + 16, box.top + 23, fit_text(topic.topic, _TOPIC, label_width), _TOPIC, TEXT)
    prompts = f"{topic.studied:,} of {topic.prompts:,} prompt" + ("" if topic.prompts == 1 else "s") + " answered"
    draw_text(draw, box.left + 16, box.top + 41, prompts, _PROMPTS, MUTED)
    centre_y = box.centre[1]
    if not topic.studied:  # no bar: a topic never opened is not weak, just not started
        draw_text(draw, BAR_LEFT, centred_baseline(centre_y, _PERCENT), NOT_STARTED.capitalize(), _PERCENT, MUTED)
        return
    track = bar_track(index)
    radius = BAR_HEIGHT // 2
    draw.rounded_rectangle(track, radius=radius, fill=TRACK)
    length = bar_length(topic.mastery)
    if length:
        fill = Box(track.left, track.top, track.left + length - 1, track.bottom)
        draw.rounded_rectangle(fill, radius=min(radius, length // 2), fill=share_colour(topic.mastery))
    draw_text(
        draw, _PERCENT_RIGHT, centred_baseline(centre_y, _PERCENT), percent(topic.mastery), _PERCENT, TEXT, "right"
    )
    if study_next:
        pill = Box(_PERCENT_RIGHT + 12, centre_y - 11, box.right - 12, centre_y + 11)
        draw.rounded_rectangle(pill, radius=11, fill=BLURPLE)
        draw_text(draw, pill.centre[0], centred_baseline(centre_y, _PILL), "STUDY NEXT", _PILL, TEXT, "center")


def render_mastery(data: MasteryData) -> bytes:
    """The mastery chart as PNG bytes: IMAGE_WIDTH wide, height from the number of topics."""
    shown, left_out = ordered_topics(data)
    image, draw = new_canvas(IMAGE_WIDTH, image_height(len(shown), bool(left_out)))
    draw_header(draw, MARGIN, 18, "Topic mastery", _subtitle(data), IMAGE_WIDTH - 2 * MARGIN)
    if not shown:
        draw_notice(draw, ROWS.box(0), EMPTY_MESSAGE)
    for index, topic in enumerate(shown):
        _draw_topic(draw, index, topic, study_next=topic.topic == data.study_next)
    if left_out:
        draw_text(draw, MARGIN + 4, image.height - 20, _left_out(left_out), _FOOTER, FAINT)
    return to_png(image)


def mastery_table(data: MasteryData) -> Table:
    """The same chart as a table: per topic a ten-cell bar and its percentage (or "not started"), the topic to
    study next pointed at."""
    shown, left_out = ordered_topics(data)
    rows = []
    for topic in shown:
        cells = math.floor(round(topic.mastery * _TEXT_BAR_CELLS, 6))
        bar = "█" * cells + "░" * (_TEXT_BAR_CELLS - cells) if topic.studied else " " * _TEXT_BAR_CELLS
        marker = "← study next" if topic.topic == data.study_next else ""
        rows.append(Row((topic.topic, bar, shown_figure(topic), marker)))
    columns = (Column(width=_TEXT_TOPIC_COLUMNS), Column(), Column(align=Align.RIGHT, width=4), Column())
    notes = (_left_out(left_out),) if left_out else ()
    return Table(f"Topic mastery · {member_name(data.display_name)}", columns, tuple(rows), EMPTY_MESSAGE, notes)
