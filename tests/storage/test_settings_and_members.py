"""Guild settings and members."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.errors import InvalidInput, NotFound
from bot.storage import GuildSettings, Repositories
from tests.storage.conftest import T0

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_unconfigured_guild_gets_defaults(repos: Repositories) -> None:
    assert await repos.settings.get(5) == GuildSettings(guild_id=5)


async def test_settings_are_saved_normalised_and_listed_when_enabled(repos: Repositories) -> None:
    wanted = GuildSettings(
        guild_id=2**62, daily_channel_id=2**63 - 1, post_time="7:05", time_zone=" Europe/Berlin ", daily_enabled=True
    )
    saved = await repos.settings.save(wanted, T0)
    await repos.settings.save(GuildSettings(guild_id=3), T0)
    assert (saved.post_time, saved.time_zone) == ("07:05", "Europe/Berlin")
    assert await repos.settings.get(2**62) == saved
    assert await repos.settings.enabled() == [saved]


async def test_saving_again_updates_the_row(repos: Repositories) -> None:
    first = await repos.settings.save(GuildSettings(guild_id=1, reveal_delay_minutes=30), T0)
    await repos.settings.save(replace(first, reveal_delay_minutes=90), T0)
    assert (await repos.settings.get(1)).reveal_delay_minutes == 90


async def test_the_web_board_settings_are_kept_and_a_long_server_name_is_cut(repos: Repositories) -> None:
    saved = await repos.settings.save(GuildSettings(guild_id=4, board_public=True, server_name="Ünï " + "x" * 200), T0)
    stored = await repos.settings.get(4)
    assert stored == saved
    assert (stored.board_public, len(stored.server_name or ""), stored.server_name[:4]) == (True, 100, "Ünï ")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"post_time": "25:00"}, "time of day"),
        ({"post_time": "noon"}, "time of day"),
        ({"time_zone": "Mars/Olympus"}, "time zone"),
        ({"reveal_delay_minutes": 0}, "reveal delay"),
    ],
)
async def test_invalid_settings_are_refused_with_a_friendly_error(
    repos: Repositories, change: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        await repos.settings.save(replace(GuildSettings(guild_id=1), **change), T0)  # type: ignore[arg-type]
    assert await repos.settings.get(1) == GuildSettings(guild_id=1)


async def test_member_upsert_refreshes_name_and_keeps_time_zone(repos: Repositories) -> None:
    await repos.members.upsert(1, 2, "Ada")
    await repos.members.set_time_zone(1, 2, "Asia/Tokyo", T0)
    member = await repos.members.upsert(1, 2, "Ada L.")
    assert (member.display_name, member.time_zone, member.has_left) == ("Ada L.", "Asia/Tokyo", False)


async def test_member_who_left_and_returns(repos: Repositories) -> None:
    await repos.members.upsert(1, 2, "Ada")
    assert await repos.members.mark_left(1, 2) is True
    assert (await repos.members.get(1, 2)).has_left is True  # type: ignore[union-attr]
    assert (await repos.members.upsert(1, 2, "Ada")).has_left is False
    assert await repos.members.mark_left(1, 99) is False


async def test_member_time_zone_is_validated_and_clearable(repos: Repositories) -> None:
    await repos.members.upsert(1, 2, "Ada")
    with pytest.raises(InvalidInput):
        await repos.members.set_time_zone(1, 2, "Nowhere/Land", T0)
    assert (await repos.members.set_time_zone(1, 2, None, T0)).time_zone is None
    with pytest.raises(NotFound):
        await repos.members.set_time_zone(1, 3, "UTC", T0)
    assert await repos.members.get(2, 2) is None
