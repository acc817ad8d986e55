"""Topic mastery: one bar per top-level topic with the share of its prompts the member retains."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import ImageDraw

from bot.pictures.canvas import Box, RowStack, draw_header, draw_notice, new_canvas, to_png
from bot.pictures.fonts import TextStyle, centred_baseline, draw_text, fit_text, member_name
from bot.pictures.text_table import code_block, fit_columns
from bot.pictures.theme import BLURPLE, FAINT, HIGHLIGHT_ROW, MUTED, PANEL, TEXT, TRACK, share_colour

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


@dataclass(frozen=True)
class TopicMastery:
    """A top-level topic, how many prompts it has, and the share of them retained now (0..1)."""

    topic: str
    retained: float
    prompts: int

    def __post_init__(self) -> None:
        if not 0 <= self.retained <= 1:
            raise ValueError(f"retained must be between 0 and 1, got {self.retained} for {self.topic!r}")
        if self.prompts < 0:
            raise ValueError(f"prompts must not be negative, got {self.prompts} for {self.topic!r}")


@dataclass(frozen=True)
class MasteryData:
    """A member's mastery of each top-level topic (any order: the picture sorts weakest first)."""

    display_name: str
    topics: tuple[TopicMastery, ...] = ()


def ordered_topics(data: MasteryData) -> tuple[list[TopicMastery], int]:
    """The topics shown, weakest first (ties by name), and how many stronger ones are left out."""
    ordered = sorted(data.topics, key=lambda topic: (topic.retained, topic.topic.casefold()))
    return ordered[:MAX_TOPICS], max(len(ordered) - MAX_TOPICS, 0)


def bar_track(index: int) -> Box:
    """The full-length (100 %) bar of row `index`."""
    centre_y = ROWS.box(index).centre[1]
    top = centre_y - BAR_HEIGHT // 2
    return Box(BAR_LEFT, top, BAR_LEFT + BAR_WIDTH - 1, top + BAR_HEIGHT - 1)


def bar_length(retained: float) -> int:
    """Filled length in pixels of a bar for `retained`."""
    return round(BAR_WIDTH * retained)


def image_height(row_count: int, has_footer: bool) -> int:
    """Picture height for `row_count` rows (at least one, for the empty message)."""
    return ROWS.bottom_after(row_count) + (44 if has_footer else 24)


def _subtitle(data: MasteryData) -> str:
    return f"{member_name(data.display_name)} · share of each topic's prompts you would recall now"


def _draw_topic(draw: ImageDraw.ImageDraw, index: int, topic: TopicMastery, study_next: bool) -> None:
    box = ROWS.box(index)
    draw.rounded_rectangle(box, radius=10, fill=HIGHLIGHT_ROW if study_next else PANEL)
    label_width = BAR_LEFT - 20 - (box.left + 16)
    draw_text(draw, box.left + 16, box.top + 23, fit_text(topic.topic, _TOPIC, label_width), _TOPIC, TEXT)
    prompts = f"{topic.prompts:,} prompt" + ("" if topic.prompts == 1 else "s")
    draw_text(draw, box.left + 16, box.top + 41, prompts, _PROMPTS, MUTED)
    track = bar_track(index)
    radius = BAR_HEIGHT // 2
    draw.rounded_rectangle(track, radius=radius, fill=TRACK)
    length = bar_length(topic.retained)
    if length:
        fill = Box(track.left, track.top, track.left + length - 1, track.bottom)
        draw.rounded_rectangle(fill, radius=min(radius, length // 2), fill=share_colour(topic.retained))
    centre_y = box.centre[1]
    percent = f"{round(topic.retained * 100)}%"
    draw_text(draw, _PERCENT_RIGHT, centred_baseline(centre_y, _PERCENT), percent, _PERCENT, TEXT, "right")
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
        _draw_topic(draw, index, topic, study_next=index == 0)
    if left_out:
        footer = f"+{left_out} stronger topic{'s' if left_out > 1 else ''} not shown"
        draw_text(draw, MARGIN + 4, image.height - 20, footer, _FOOTER, FAINT)
    return to_png(image)


def mastery_text(data: MasteryData) -> str:
    """The same chart as a monospace code block: a ten-cell bar and percentage per topic."""
    shown, left_out = ordered_topics(data)
    lines = [fit_columns(f"Topic mastery · {member_name(data.display_name)}", 60), ""]
    for index, topic in enumerate(shown):
        cells = round(topic.retained * _TEXT_BAR_CELLS)
        bar = "█" * cells + "░" * (_TEXT_BAR_CELLS - cells)
        marker = "  ← study next" if index == 0 else ""
        percent = f"{round(topic.retained * 100)}%"
        lines.append(f"{fit_columns(topic.topic, _TEXT_TOPIC_COLUMNS)}  {bar}  {percent:>4}{marker}")
    if not shown:
        lines.append(EMPTY_MESSAGE)
    if left_out:
        lines += ["", f"+{left_out} stronger topic{'s' if left_out > 1 else ''} not shown"]
    return code_block(lines)
