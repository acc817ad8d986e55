"""Who may do what: settings, groups and daily answers are refused to the wrong member with NotAllowed."""

from __future__ import annotations

import pytest

from bot.errors import InvalidInput, NotAllowed
from bot.service.types import DailyQuiz, Who
from bot.storage import GuildSettings
from bot.tutor import Tutor
from tests.reliability.conftest import ALICE, BOB, GUILD, MANAGER, OTHER_GUILD

STRANGER = Who(OTHER_GUILD, 33, "stranger")


async def test_configure_by_a_non_manager_is_refused_and_changes_nothing(tutor: Tutor) -> None:
    with pytest.raises(NotAllowed, match="Manage Server"):
        await tutor.configure(ALICE, daily_enabled=True, daily_channel_id=5)
    assert (await tutor.server_settings(GUILD)).daily_enabled is False


@pytest.mark.parametrize(
    "change",
    [{"time_zone": "Mars/Olympus_Mons"}, {"time_zone": "../../etc/passwd"}, {"post_time": "25:99"}, {"post_time": ""}],
)
async def test_manager_with_bad_settings_gets_a_clear_error(tutor: Tutor, change: dict[str, str]) -> None:
    with pytest.raises(InvalidInput):
        await tutor.configure(MANAGER, **change)
    assert await tutor.server_settings(GUILD) == GuildSettings(GUILD)


async def test_the_daily_quiz_needs_a_channel_before_it_is_switched_on(tutor: Tutor) -> None:
    with pytest.raises(InvalidInput, match="Choose a channel"):
        await tutor.configure(MANAGER, daily_enabled=True)
    assert await tutor.server_settings(GUILD) == GuildSettings(GUILD)
    saved = await tutor.configure(MANAGER, daily_enabled=True, daily_channel_id=5)
    assert (saved.daily_enabled, saved.daily_channel_id) == (True, 5)


async def test_configure_without_changes_shows_the_settings_to_managers_only(tutor: Tutor) -> None:
    await tutor.configure(MANAGER, post_time="07:30")
    assert (await tutor.configure(MANAGER)).post_time == "07:30"
    with pytest.raises(NotAllowed, match="Manage Server"):
        await tutor.configure(ALICE)


async def test_bad_setting_error_does_not_echo_a_mention(tutor: Tutor) -> None:
    with pytest.raises(InvalidInput) as refused:
        await tutor.configure(MANAGER, time_zone="@everyone")
    assert "@everyone" not in str(refused.value)


async def test_member_cannot_delete_another_members_group_but_a_manager_can(tutor: Tutor) -> None:
    await tutor.create_group(ALICE, "Night Owls")
    with pytest.raises(NotAllowed, match="owner or a server manager"):
        await tutor.delete_group(BOB, "Night Owls")
    assert [g.name for g in await tutor.list_groups(GUILD)] == ["Night Owls"]
    await tutor.delete_group(MANAGER, "Night Owls")
    assert await tutor.list_groups(GUILD) == []


async def test_owner_can_delete_their_own_group(tutor: Tutor) -> None:
    await tutor.create_group(BOB, "Early Birds")
    await tutor.delete_group(BOB, "Early Birds")
    assert await tutor.list_groups(GUILD) == []


async def post_daily(tutor: Tutor) -> DailyQuiz:
    await tutor.configure(MANAGER, daily_enabled=True, daily_channel_id=777, post_time="09:00")
    [server] = await tutor.due_daily_servers()
    daily = await tutor.claim_daily_post(server)
    assert daily is not None
    await tutor.daily_sent(daily.post, 12345)
    return daily


async def test_member_cannot_answer_the_daily_quiz_twice(tutor: Tutor) -> None:
    daily = await post_daily(tutor)
    first = await tutor.answer_daily(ALICE, daily.post.id, daily.prompt.answer)
    assert first.correct and first.points > 0
    with pytest.raises(NotAllowed, match="already answered"):
        await tutor.answer_daily(ALICE, daily.post.id, "something else")
    results = await tutor.repos.daily.results(daily.post.id)
    assert results.answered == 1


async def test_member_cannot_answer_another_servers_daily_quiz(tutor: Tutor) -> None:
    daily = await post_daily(tutor)
    with pytest.raises(NotAllowed, match="another server"):
        await tutor.answer_daily(STRANGER, daily.post.id, daily.prompt.answer)
    assert (await tutor.repos.daily.results(daily.post.id)).answered == 0


async def test_daily_post_is_claimed_once_per_server_and_day(tutor: Tutor) -> None:
    await post_daily(tutor)
    assert await tutor.due_daily_servers() == []
    assert await tutor.claim_daily_post(await tutor.server_settings(GUILD)) is None
