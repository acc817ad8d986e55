"""The topic mastery chart and its text twin: order, bar lengths, the study-next marker, limits."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PIL import Image

from bot.discord.formatting import MESSAGE_LIMIT as DISCORD_MESSAGE_LIMIT
from bot.discord.tables import code_block
from bot.pictures.mastery import (
    BAR_WIDTH,
    EMPTY_MESSAGE,
    IMAGE_WIDTH,
    MAX_TOPICS,
    NOT_STARTED,
    ROWS,
    MasteryData,
    TopicMastery,
    bar_length,
    bar_track,
    image_height,
    mastery_table,
    ordered_topics,
    percent,
    render_mastery,
)
from bot.pictures.theme import HIGHLIGHT_ROW, PANEL, TRACK, share_colour

Decode = Callable[[bytes], Image.Image]
TOPICS = (
    TopicMastery("Lambda", 0.5, 40, 30),
    TopicMastery("S3", 1.0, 12, 12),
    TopicMastery("DynamoDB", 0.2, 30, 10),
    TopicMastery("IAM", 0.0, 8, 2),
    TopicMastery("API Gateway", 0.85, 1, 1),
    TopicMastery("Route 53", 0.0, 5, 0),
)


def filled_run(image: Image.Image, index: int, colour: tuple[int, int, int]) -> int:
    """How many pixels from the bar's left end, along its middle, have `colour`."""
    track = bar_track(index)
    x = track.left
    while x <= track.right and image.getpixel((x, track.centre[1])) == colour:
        x += 1
    return x - track.left


def test_topics_are_ordered_weakest_first() -> None:
    shown, left_out = ordered_topics(MasteryData("Ada", TOPICS))
    assert [topic.topic for topic in shown] == ["IAM", "DynamoDB", "Lambda", "API Gateway", "S3", "Route 53"]
    assert left_out == 0


def test_bar_lengths_are_proportional_to_the_mastery(decode: Decode) -> None:
    data = MasteryData("Ada", TOPICS)
    image = decode(render_mastery(data))
    assert image.size == (IMAGE_WIDTH, image_height(len(TOPICS), has_footer=False))
    shown, _ = ordered_topics(data)
    for index, topic in enumerate(shown):
        if not topic.studied:  # no bar at all, just the words
            track = bar_track(index)
            line = {image.getpixel((x, track.centre[1])) for x in range(track.left, track.right + 1)}
            assert TRACK not in line and PANEL in line
        elif topic.mastery:
            assert filled_run(image, index, share_colour(topic.mastery)) == bar_length(topic.mastery)
        else:
            assert filled_run(image, index, TRACK) == BAR_WIDTH
    assert bar_length(1.0) == BAR_WIDTH and bar_length(0.5) == BAR_WIDTH // 2


def test_only_the_topic_to_study_next_is_marked(decode: Decode) -> None:
    data = MasteryData("Ada", TOPICS, study_next="DynamoDB")
    image = decode(render_mastery(data))
    backgrounds = [image.getpixel((ROWS.box(index).left + 6, ROWS.box(index).centre[1])) for index in range(6)]
    assert backgrounds == [PANEL, HIGHLIGHT_ROW, PANEL, PANEL, PANEL, PANEL]
    lines = code_block(mastery_table(data)).splitlines()
    marked = [line for line in lines if "study next" in line]
    assert len(marked) == 1 and marked[0].startswith("DynamoDB")


def test_nothing_is_marked_when_no_topic_is_to_study_next(decode: Decode) -> None:
    data = MasteryData("Ada", TOPICS)
    image = decode(render_mastery(data))
    assert all(image.getpixel((ROWS.box(i).left + 6, ROWS.box(i).centre[1])) == PANEL for i in range(6))
    assert "study next" not in code_block(mastery_table(data))


def test_topics_not_started_say_so_instead_of_a_percent() -> None:
    lines = code_block(mastery_table(MasteryData("Ada", TOPICS))).splitlines()
    [route] = [line for line in lines if line.startswith("Route 53")]
    [iam] = [line for line in lines if line.startswith("IAM")]
    assert route.endswith(NOT_STARTED) and "%" not in route
    assert iam.endswith("0%")


@pytest.mark.parametrize(("mastery", "shown"), [(0.999, "99%"), (0.2899999, "28%"), (0.29, "29%"), (1.0, "100%")])
def test_percent_is_rounded_down_so_only_full_mastery_reads_100(mastery: float, shown: str) -> None:
    assert percent(mastery) == shown


def test_text_bars_show_the_share_in_tenths() -> None:
    text = code_block(mastery_table(MasteryData("Ada", TOPICS)))
    assert "DynamoDB                  ██░░░░░░░░   20%" in text
    assert "S3                        ██████████  100%" in text


def test_no_topics_gives_a_friendly_message(decode: Decode) -> None:
    data = MasteryData("Ada")
    assert decode(render_mastery(data)).size == (IMAGE_WIDTH, image_height(0, has_footer=False))
    assert EMPTY_MESSAGE in code_block(mastery_table(data))


def test_many_topics_show_the_weakest_and_count_the_rest(decode: Decode) -> None:
    topics = tuple(TopicMastery(f"Topic {index:02d} " + "long " * 20, index / 40, 3, 1) for index in range(30))
    data = MasteryData("🦊" * 50, topics)
    shown, left_out = ordered_topics(data)
    assert len(shown) == MAX_TOPICS and left_out == 30 - MAX_TOPICS
    assert decode(render_mastery(data)).size == (IMAGE_WIDTH, image_height(MAX_TOPICS, has_footer=True))
    text = code_block(mastery_table(data))
    assert "+10 more topics not shown" in text
    assert len(text) <= DISCORD_MESSAGE_LIMIT


@pytest.mark.parametrize(("mastery", "prompts", "studied"), [(-0.1, 1, 1), (1.01, 1, 1), (0.5, -1, 0), (0.5, 2, 3)])
def test_impossible_shares_are_refused(mastery: float, prompts: int, studied: int) -> None:
    with pytest.raises(ValueError):
        TopicMastery("Lambda", mastery, prompts, studied)
