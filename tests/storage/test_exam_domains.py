"""A server's moves of sections between exam domains: kept per server, replaced, undone one by one or all."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.storage import Repositories
from tests.storage.conftest import T0

pytestmark = pytest.mark.asyncio(loop_scope="function")
GUILD, OTHER = 1, 2
LONG_SECTION = "A heading far longer than any name column: " + "x" * 400  # headings have no length limit


async def test_moves_are_kept_per_server_replaced_and_undone(repos: Repositories) -> None:
    moves = repos.exam_domains
    assert await moves.moves(GUILD) == {}
    await moves.move(GUILD, "Soil", "Plants", set_by=5, now=T0)
    await moves.move(GUILD, LONG_SECTION, None, set_by=5, now=T0)
    await moves.move(OTHER, "Soil", None, set_by=6, now=T0)
    await moves.move(GUILD, "Soil", "Tools", set_by=7, now=T0 + timedelta(minutes=1))  # a second move replaces
    assert await moves.moves(GUILD) == {"Soil": "Tools", LONG_SECTION: None}
    assert await moves.reset(GUILD, "Soil") == 1
    assert await moves.reset(GUILD, "Soil") == 0
    assert await moves.moves(GUILD) == {LONG_SECTION: None}
    assert await moves.reset(GUILD) == 1
    assert await moves.moves(GUILD) == {} and await moves.moves(OTHER) == {"Soil": None}
