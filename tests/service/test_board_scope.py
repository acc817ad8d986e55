"""BoardScope.of: the words for the server's and the groups' boards, else a study group's name."""

from __future__ import annotations

import pytest

from bot.service.types import BoardScope


@pytest.mark.parametrize(
    ("typed", "scope"),
    [
        ("server", BoardScope.SERVER),
        (" SERVER ", BoardScope.SERVER),
        ("", BoardScope.SERVER),
        ("   ", BoardScope.SERVER),
        ("Groups", BoardScope.GROUPS),
        ("groups\t", BoardScope.GROUPS),
    ],
)
def test_the_board_words_in_any_case(typed: str, scope: BoardScope) -> None:
    assert BoardScope.of(typed) is scope


def test_any_other_text_names_a_group_as_typed_without_the_spaces_around_it() -> None:
    named = BoardScope.of("  Night Owls ")
    assert named == "Night Owls" and not isinstance(named, BoardScope)
    assert not isinstance(BoardScope.of("servers"), BoardScope)
