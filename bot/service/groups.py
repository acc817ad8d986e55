"""Study groups of a server: created, joined, left and deleted by its members (owners and managers delete)."""

from __future__ import annotations

from bot.clock import Clock
from bot.errors import NotAllowed
from bot.progress.groups import ensure_can_manage, valid_group_name
from bot.service.members import Members
from bot.service.types import Who
from bot.storage import GroupInfo, Repositories, StudyGroup


class StudyGroups:
    """Each server's study groups; names are checked by `valid_group_name` (InvalidInput), unknown ones NotFound."""

    def __init__(self, repos: Repositories, members: Members, clock: Clock) -> None:
        self.repos = repos
        self.members = members
        self.clock = clock

    async def create(self, who: Who, name: str) -> StudyGroup:
        """A new group owned by the member, who is its first member."""
        await self.members.seen(who)
        return await self.repos.groups.create(who.guild_id, valid_group_name(name), who.user_id, self.clock.now())

    async def join(self, who: Who, name: str) -> StudyGroup:
        """NotAllowed when the member is in it already."""
        await self.members.seen(who)
        if not await self.repos.groups.join(who.guild_id, name, who.user_id, self.clock.now()):
            raise NotAllowed("You are already in that group.")
        return await self.repos.groups.get(who.guild_id, name)

    async def leave(self, who: Who, name: str) -> StudyGroup:
        """NotAllowed when the member is not in it."""
        group = await self.repos.groups.get(who.guild_id, name)
        if not await self.repos.groups.leave(who.guild_id, name, who.user_id):
            raise NotAllowed("You are not in that group.")
        return group

    async def delete(self, who: Who, name: str) -> StudyGroup:
        """Its owner or a manager only (NotAllowed)."""
        group = await self.repos.groups.get(who.guild_id, name)
        ensure_can_manage(who.user_id, group.owner_id, is_manager=who.is_manager)
        return await self.repos.groups.delete(who.guild_id, name)

    async def list_groups(self, guild_id: int, member_id: int | None = None) -> list[StudyGroup]:
        """The server's groups (only `member_id`'s when given)."""
        return await self.repos.groups.list_groups(guild_id, member_id=member_id)

    async def info(self, guild_id: int, name: str) -> GroupInfo:
        return await self.repos.groups.info(guild_id, name)
