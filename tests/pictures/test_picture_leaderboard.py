"""The leaderboard picture and its text twin: same rows, asker highlighted, medals, limits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PIL import Image

from bot.discord.formatting import MESSAGE_LIMIT as DISCORD_MESSAGE_LIMIT
from bot.discord.tables import code_block, display_width
from bot.pictures.canvas import draw_header, draw_notice, new_canvas
from bot.pictures.fonts import draw_text
from bot.pictures.leaderboard import (
    _NAME_LEFT,
    _POINTS_RIGHT,
    _SMALL,
    _STREAK_RIGHT,
    EMPTY_MESSAGE,
    IMAGE_WIDTH,
    MARGIN,
    MAX_ROWS,
    ROWS,
    LeaderboardEntry,
    LeaderboardImageData,
    _draw_entry,
    _draw_gap,
    forget_drawn,
    image_height,
    leaderboard_table,
    leaderboard_title,
    render_leaderboard,
    visible_rows,
)
from bot.pictures.theme import FAINT, HIGHLIGHT_ROW, MEDALS, PANEL

Decode = Callable[[bytes], Image.Image]


def board(*entries: LeaderboardEntry) -> LeaderboardImageData:
    return LeaderboardImageData(scope="Server", period="This week", entries=entries)


def top(count: int, asker_rank: int | None = None) -> list[LeaderboardEntry]:
    return [
        LeaderboardEntry(rank, f"Member {rank}", 1000 - rank, rank % 7, rank == asker_rank)
        for rank in range(1, count + 1)
    ]


def rank_of_rows(data: LeaderboardImageData) -> list[int | None]:
    return [None if row is None else row.rank for row in visible_rows(data)]


def test_tied_ranks_need_no_gap_row() -> None:
    data = board(LeaderboardEntry(1, "A", 9, 1), LeaderboardEntry(1, "B", 9, 1), LeaderboardEntry(3, "C", 5, 0))
    assert rank_of_rows(data) == [1, 1, 3]


def test_skipped_ranks_get_one_gap_row() -> None:
    data = board(*top(3), LeaderboardEntry(36, "D", 1, 0), LeaderboardEntry(37, "Me", 1, 0, is_asker=True))
    assert rank_of_rows(data) == [1, 2, 3, None, 36, 37]


def test_long_boards_are_cut_but_keep_the_asker() -> None:
    data = board(*top(40, asker_rank=33))
    rows = rank_of_rows(data)
    assert len([rank for rank in rows if rank is not None]) == MAX_ROWS
    assert rows[-2:] == [None, 33]


def test_asker_row_is_highlighted_and_the_others_are_not(decode: Decode) -> None:
    data = board(*top(5, asker_rank=4))
    image = decode(render_leaderboard(data))
    assert image.size == (IMAGE_WIDTH, image_height(5))
    for index, row in enumerate(visible_rows(data)):
        assert row is not None
        box = ROWS.box(index)
        expected = HIGHLIGHT_ROW if row.is_asker else PANEL
        assert image.getpixel((box.right - 8, box.centre[1])) == expected, row


def test_top_three_wear_medal_colours(decode: Decode) -> None:
    image = decode(render_leaderboard(board(*top(4))))
    medal_spots = [image.getpixel((ROWS.box(index).left + 18, ROWS.box(index).centre[1])) for index in range(4)]
    assert medal_spots == [*MEDALS, PANEL]


def test_image_grows_with_the_rows(decode: Decode) -> None:
    heights = [decode(render_leaderboard(board(*top(count)))).size[1] for count in (1, 2, 10)]
    assert heights == [image_height(1), image_height(2), image_height(10)]
    assert heights[0] < heights[1] < heights[2]


def test_empty_board_renders_a_message_row(decode: Decode) -> None:
    data = board()
    assert decode(render_leaderboard(data)).size == (IMAGE_WIDTH, image_height(0))
    assert "No points yet" in code_block(leaderboard_table(data))


def test_text_shows_the_same_rows_in_aligned_columns() -> None:
    data = board(*top(3, asker_rank=2), LeaderboardEntry(9, "Zoë 🦊 the very long named member", 12, 3, True))
    text = code_block(leaderboard_table(data))
    assert text.startswith("```text\n") and text.endswith("\n```")
    lines = text.splitlines()
    rows = [line for line in lines if line.lstrip("> ").split(" ", 1)[0].isdigit()]
    assert [line.lstrip("> ").split()[0] for line in rows] == ["1", "2", "3", "9"]
    assert [line.startswith(">") for line in rows] == [False, True, False, True]
    assert any(line.strip() == "⋯" for line in lines)
    assert "Zoë 🦊 the very lon…" in text
    assert len({display_width(line) for line in rows}) == 1


def test_text_fits_a_discord_message_at_its_worst() -> None:
    huge = 10**15
    entries = [LeaderboardEntry(rank, "🦊W" * 80, huge, huge) for rank in range(1, 60)]
    text = code_block(leaderboard_table(LeaderboardImageData("Group " + "x" * 500, "All time " * 50, tuple(entries))))
    assert len(text) <= DISCORD_MESSAGE_LIMIT


def test_names_cannot_break_out_of_the_code_block() -> None:
    text = code_block(leaderboard_table(board(LeaderboardEntry(1, "```@everyone\nhi", 5, 1))))
    assert text.count("```") == 2


def test_one_member_server_renders(decode: Decode) -> None:
    data = board(LeaderboardEntry(1, "Solo", 10, 1, is_asker=True))
    image = decode(render_leaderboard(data))
    assert image.getpixel((ROWS.box(0).right - 8, ROWS.box(0).centre[1])) == HIGHLIGHT_ROW


@pytest.mark.parametrize(("rank", "points", "streak"), [(0, 1, 1), (1, -1, 1), (1, 1, -2)])
def test_impossible_entries_are_refused(rank: int, points: int, streak: int) -> None:
    with pytest.raises(ValueError):
        LeaderboardEntry(rank, "A", points, streak)


def test_entries_out_of_rank_order_are_refused() -> None:
    with pytest.raises(ValueError):
        board(LeaderboardEntry(2, "B", 1, 1), LeaderboardEntry(1, "A", 2, 1))


def test_a_blank_name_reads_as_member_in_the_text() -> None:
    assert "1  Member" in code_block(leaderboard_table(board(LeaderboardEntry(1, " \n", 5, 1))))


def test_an_unchanged_board_is_not_drawn_again() -> None:
    forget_drawn()
    first = render_leaderboard(board(*top(12, asker_rank=4)))
    again = render_leaderboard(board(*top(12, asker_rank=4)))  # equal data, built anew
    assert again is first
    assert (render_leaderboard.cache_info().hits, render_leaderboard.cache_info().misses) == (1, 1)


def test_a_changed_board_is_drawn_again_from_its_kept_rows_exactly_as_from_nothing(decode: Decode) -> None:
    forget_drawn()
    before = top(12, asker_rank=4)
    render_leaderboard(board(*before))
    changed = board(*before[:5], replace(before[5], points=before[5].points + 1), *before[6:])
    redrawn = render_leaderboard(changed)
    forget_drawn()
    from_nothing = render_leaderboard(changed)
    assert decode(redrawn).tobytes() == decode(from_nothing).tobytes()
    assert decode(redrawn).tobytes() != decode(render_leaderboard(board(*before))).tobytes()


@pytest.mark.parametrize(
    "change",
    [
        lambda e: replace(e, points=e.points + 1),
        lambda e: replace(e, streak=e.streak + 1),
        lambda e: replace(e, name=e.name + "x"),
        lambda e: replace(e, is_asker=not e.is_asker),
    ],
)
def test_any_change_to_a_row_shows_in_the_picture(change: Callable[[LeaderboardEntry], LeaderboardEntry]) -> None:
    entries = top(6, asker_rank=2)
    first = render_leaderboard(board(*entries))
    assert render_leaderboard(board(*entries[:3], change(entries[3]), *entries[4:])) != first
    assert render_leaderboard(LeaderboardImageData("Server", "This month", tuple(entries))) != first


@pytest.mark.parametrize("entries", [top(12, asker_rank=4), [*top(3), LeaderboardEntry(9, "Late", 5, 0, True)], []])
def test_the_picture_assembled_from_kept_bands_is_the_picture_drawn_whole(
    entries: list[LeaderboardEntry], decode: Decode
) -> None:
    data = board(*entries)
    rows = visible_rows(data)
    whole, draw = new_canvas(IMAGE_WIDTH, image_height(len(rows)))  # every mark drawn in place, on one canvas
    draw_header(draw, MARGIN, 18, *leaderboard_title(data), IMAGE_WIDTH - 2 * MARGIN)
    heads = ((MARGIN + 30, "RANK", "center"), (_NAME_LEFT, "MEMBER", "left"))
    heads += ((_POINTS_RIGHT, "POINTS", "right"), (_STREAK_RIGHT, "STREAK", "right"))
    for x, text, anchor in heads:
        draw_text(draw, x, ROWS.top - 12, text, _SMALL, FAINT, anchor)  # type: ignore[arg-type]
    if not rows:
        draw_notice(draw, ROWS.box(0), EMPTY_MESSAGE)
    for index, row in enumerate(rows):
        if row is None:
            _draw_gap(draw, ROWS.box(index))
        else:
            _draw_entry(whole, ROWS.box(index), row)
    forget_drawn()
    assert decode(render_leaderboard(data)).tobytes() == whole.tobytes()
