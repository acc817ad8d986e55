"""The stats card: size, heatmap squares coloured by the day's answers, today outlined, edge cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PIL import Image

from bot.pictures.heatmap import HEAT_COLOURS, HEATMAP_WEEKS, first_day_shown, heat_level
from bot.pictures.stats_card import CARD_HEIGHT, CARD_WIDTH, STATS_HEATMAP, StatsCardData, render_stats_card
from bot.pictures.theme import PANEL, TEXT

Decode = Callable[[bytes], Image.Image]
TODAY = date(2026, 3, 12)  # a Thursday


def card(answers: dict[date, int] | None = None, **changes: object) -> StatsCardData:
    fields: dict[str, object] = {
        "display_name": "Ada",
        "current_streak": 3,
        "best_streak": 9,
        "freezes": 1,
        "accuracy": 0.75,
        "reviews_due": 4,
        "points": 120,
        "today": TODAY,
        "answers_by_day": answers or {},
    }
    return StatsCardData(**(fields | changes))  # type: ignore[arg-type]


def test_card_has_its_fixed_size(decode: Decode) -> None:
    assert decode(render_stats_card(card())).size == (CARD_WIDTH, CARD_HEIGHT)


@pytest.mark.parametrize(("count", "level"), [(0, 0), (1, 1), (2, 1), (3, 2), (5, 2), (6, 3), (9, 3), (10, 4), (99, 4)])
def test_heat_levels_grow_with_the_answer_count(count: int, level: int) -> None:
    assert heat_level(count) == level


def test_grid_has_weeks_as_columns_and_monday_to_sunday_as_rows() -> None:
    first = first_day_shown(TODAY)
    assert first.weekday() == 0
    assert first == TODAY - timedelta(days=3, weeks=HEATMAP_WEEKS - 1)
    monday, sunday = STATS_HEATMAP.cell_box(first, TODAY), STATS_HEATMAP.cell_box(first + timedelta(6), TODAY)
    next_monday = STATS_HEATMAP.cell_box(first + timedelta(7), TODAY)
    assert monday is not None and sunday is not None and next_monday is not None
    assert (monday.left, monday.top) == (STATS_HEATMAP.left, STATS_HEATMAP.top)
    assert sunday.left == monday.left and sunday.top == monday.top + 6 * STATS_HEATMAP.pitch
    assert next_monday.top == monday.top and next_monday.left == monday.left + STATS_HEATMAP.pitch


def test_days_outside_the_twelve_weeks_have_no_square() -> None:
    assert STATS_HEATMAP.cell_box(first_day_shown(TODAY) - timedelta(1), TODAY) is None
    assert STATS_HEATMAP.cell_box(TODAY + timedelta(1), TODAY) is None


def test_each_day_is_coloured_by_its_answer_count(decode: Decode) -> None:
    answers = {TODAY - timedelta(days=ago): count for ago, count in enumerate([2, 0, 4, 7, 15, 1, 0, 12])}
    answers[first_day_shown(TODAY)] = 8
    image = decode(render_stats_card(card(answers)))
    for day in [*answers, TODAY - timedelta(days=30)]:
        box = STATS_HEATMAP.cell_box(day, TODAY)
        assert box is not None
        assert image.getpixel(box.centre) == HEAT_COLOURS[heat_level(answers.get(day, 0))], day


def test_today_is_outlined_and_later_days_are_blank(decode: Decode) -> None:
    image = decode(render_stats_card(card({TODAY: 3})))
    ring = STATS_HEATMAP.today_outline(TODAY)
    assert image.getpixel((ring.left, ring.centre[1])) == TEXT
    tomorrow = STATS_HEATMAP.box_at_offset((TODAY - first_day_shown(TODAY)).days + 1)
    assert image.getpixel(tomorrow.centre) == PANEL
    yesterday = STATS_HEATMAP.cell_box(TODAY - timedelta(1), TODAY)
    assert yesterday is not None
    assert image.getpixel((yesterday.left - 1, yesterday.centre[1])) == PANEL  # only today has a ring


def test_empty_history_draws_every_shown_day_as_empty(decode: Decode) -> None:
    image = decode(render_stats_card(card(accuracy=None, current_streak=0, best_streak=0, points=0)))
    start = first_day_shown(TODAY)
    for offset in range((TODAY - start).days + 1):
        box = STATS_HEATMAP.cell_box(start + timedelta(offset), TODAY)
        assert box is not None
        assert image.getpixel(box.centre) == HEAT_COLOURS[0]


UNUSUAL_NAMES = {
    "empty": "",
    "blank": "   ",
    "many emoji": "🦊" * 60,
    "very long": "A" * 300,
    "newline": "line\nbreak",
    "no font has it": "田中さん",
    "right to left": "مرحبا 👋",
}


@pytest.mark.parametrize("name", UNUSUAL_NAMES.values(), ids=UNUSUAL_NAMES.keys())
def test_unusual_names_render(decode: Decode, name: str) -> None:
    assert decode(render_stats_card(card(display_name=name))).size == (CARD_WIDTH, CARD_HEIGHT)


@pytest.mark.parametrize(
    "changes",
    [{"current_streak": -1}, {"points": -5}, {"accuracy": 1.2}, {"answers_by_day": {TODAY: -1}}],
)
def test_impossible_figures_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        card(**changes)
