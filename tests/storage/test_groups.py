"""Study groups: unique names regardless of case, membership, rename and delete."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.errors import NotAllowed, NotFound
from bot.storage import Repositories
from tests.storage.conftest import T0

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_create_makes_the_owner_a_member(repos: Repositories) -> None:
    group = await repos.groups.create(1, " Night Owls ", owner_id=7, now=T0)
    assert (group.name, group.owner_id, group.member_count, group.created_at) == ("Night Owls", 7, 1, T0)
    assert await repos.groups.get(1, "night owls") == group


async def test_names_are_unique_per_guild_regardless_of_case(repos: Repositories) -> None:
    await repos.groups.create(1, "Owls", 7, T0)
    with pytest.raises(NotAllowed, match="already exists"):
        await repos.groups.create(1, "OWLS", 8, T0)
    other_guild = await repos.groups.create(2, "owls", 8, T0)
    assert other_guild.guild_id == 2


async def test_join_leave_and_list(repos: Repositories) -> None:
    await repos.groups.create(1, "Owls", 7, T0)
    await repos.groups.create(1, "Larks", 8, T0)
    assert await repos.groups.join(1, "owls", 8, T0 + timedelta(minutes=1)) is True
    assert await repos.groups.join(1, "Owls", 8, T0) is False
    assert [g.name for g in await repos.groups.list_groups(1)] == ["Larks", "Owls"]
    assert [g.name for g in await repos.groups.list_groups(1, member_id=8)] == ["Larks", "Owls"]
    assert [g.member_count for g in await repos.groups.list_groups(1)] == [1, 2]
    assert await repos.groups.leave(1, "Owls", 8) is True
    assert await repos.groups.leave(1, "Owls", 8) is False
    assert [g.name for g in await repos.groups.list_groups(1, member_id=8)] == ["Larks"]


async def test_info_lists_members_in_joining_order_with_names(repos: Repositories) -> None:
    await repos.members.upsert(1, 7, "Owner")
    await repos.groups.create(1, "Owls", 7, T0)
    await repos.groups.join(1, "Owls", 9, T0 + timedelta(hours=1))
    info = await repos.groups.info(1, "OWLS")
    assert info.group.owner_id == 7
    assert [(m.user_id, m.display_name) for m in info.members] == [(7, "Owner"), (9, None)]


async def test_missing_group_is_not_found(repos: Repositories) -> None:
    for action in (
        repos.groups.get(1, "ghosts"),
        repos.groups.join(1, "ghosts", 1, T0),
        repos.groups.leave(1, "ghosts", 1),
        repos.groups.info(1, "ghosts"),
        repos.groups.delete(1, "ghosts"),
    ):
        with pytest.raises(NotFound, match="ghosts"):
            await action


async def test_rename_keeps_members_and_refuses_taken_names(repos: Repositories) -> None:
    await repos.groups.create(1, "Owls", 7, T0)
    await repos.groups.create(1, "Larks", 8, T0)
    with pytest.raises(NotAllowed):
        await repos.groups.rename(1, "Owls", "LARKS")
    renamed = await repos.groups.rename(1, "owls", "Night Owls")
    assert (renamed.name, renamed.member_count) == ("Night Owls", 1)
    assert (await repos.groups.rename(1, "night owls", "NIGHT OWLS")).name == "NIGHT OWLS"


async def test_delete_removes_group_and_memberships(repos: Repositories) -> None:
    await repos.groups.create(1, "Owls", 7, T0)
    deleted = await repos.groups.delete(1, "Owls")
    assert deleted.name == "Owls"
    assert await repos.groups.list_groups(1, member_id=7) == []
    assert (await repos.groups.create(1, "owls", 8, T0)).member_count == 1
