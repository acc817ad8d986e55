"""Study groups per server (names unique regardless of case) and who belongs to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import NotAllowed, NotFound
from bot.storage.database import Repository
from bot.storage.models import GroupMemberRow, MemberRow, StudyGroupRow
from bot.storage.records import GroupInfo, GroupMember, StudyGroup
from bot.storage.sql import affected, insert_or_nothing


def name_key(name: str) -> str:
    """What makes two group names the same: case and surrounding space ignored."""
    return name.strip().casefold()


def _name_taken(name: str) -> NotAllowed:
    return NotAllowed(f"A study group called {name.strip()!r} already exists here.")


def _with_member_count() -> Select[StudyGroupRow, int]:
    count = (
        select(func.count())
        .where(GroupMemberRow.group_id == StudyGroupRow.id)
        .correlate(StudyGroupRow)
        .scalar_subquery()
    )
    return select(StudyGroupRow, count)


def _record(row: StudyGroupRow, member_count: int) -> StudyGroup:
    return StudyGroup(row.id, row.guild_id, row.name, row.owner_id, row.created_at, member_count)


async def _find(session: AsyncSession, guild_id: int, name: str) -> StudyGroup:
    query = _with_member_count().where(StudyGroupRow.guild_id == guild_id, StudyGroupRow.name_key == name_key(name))
    found = (await session.execute(query)).first()
    if found is None:
        raise NotFound(f"There is no study group called {name.strip()!r} in this server.")
    return _record(*found)


class GroupRepository(Repository):
    """Create, find, join, leave, rename and delete study groups. Names arrive already validated."""

    async def create(self, guild_id: int, name: str, owner_id: int, now: datetime) -> StudyGroup:
        """A new group owned (and joined) by `owner_id`; NotAllowed when the name is taken."""
        values = {
            "guild_id": guild_id,
            "name": name.strip(),
            "name_key": name_key(name),
            "owner_id": owner_id,
            "created_at": now,
        }

        async def work(session: AsyncSession) -> StudyGroup:
            inserted = await insert_or_nothing(session, StudyGroupRow, values)
            if inserted is None:
                raise _name_taken(name)
            session.add(GroupMemberRow(group_id=inserted.id, user_id=owner_id, joined_at=now))
            await session.flush()
            return await _find(session, guild_id, name)

        return await self._db.run(work)

    async def get(self, guild_id: int, name: str) -> StudyGroup:
        """The group called `name` (any case); NotFound otherwise."""
        return await self._db.run(lambda session: _find(session, guild_id, name))

    async def list_groups(self, guild_id: int, *, member_id: int | None = None) -> list[StudyGroup]:
        """The server's groups by name, or only those `member_id` belongs to."""

        async def work(session: AsyncSession) -> list[StudyGroup]:
            query = _with_member_count().where(StudyGroupRow.guild_id == guild_id).order_by(StudyGroupRow.name_key)
            if member_id is not None:
                query = query.join(GroupMemberRow, GroupMemberRow.group_id == StudyGroupRow.id).where(
                    GroupMemberRow.user_id == member_id
                )
            return [_record(row, count) for row, count in await session.execute(query)]

        return await self._db.run(work)

    async def info(self, guild_id: int, name: str) -> GroupInfo:
        """The group with its members in order of joining."""

        async def work(session: AsyncSession) -> GroupInfo:
            group = await _find(session, guild_id, name)
            query = (
                select(GroupMemberRow, MemberRow.display_name, MemberRow.has_left)
                .outerjoin(
                    MemberRow,
                    (MemberRow.guild_id == guild_id) & (MemberRow.user_id == GroupMemberRow.user_id),
                )
                .where(GroupMemberRow.group_id == group.id)
                .order_by(GroupMemberRow.joined_at, GroupMemberRow.user_id)
            )
            members = tuple(
                GroupMember(row.user_id, display_name, bool(has_left), row.joined_at)
                for row, display_name, has_left in await session.execute(query)
            )
            return GroupInfo(group, members)

        return await self._db.run(work)

    async def join(self, guild_id: int, name: str, user_id: int, now: datetime) -> bool:
        """Add the member to the group; False when already in it."""

        async def work(session: AsyncSession) -> bool:
            group = await _find(session, guild_id, name)
            values = {"group_id": group.id, "user_id": user_id, "joined_at": now}
            return await insert_or_nothing(session, GroupMemberRow, values) is not None

        return await self._db.run(work)

    async def leave(self, guild_id: int, name: str, user_id: int) -> bool:
        """Remove the member from the group; False when not in it. The group (and its owner) stay."""

        async def work(session: AsyncSession) -> bool:
            group = await _find(session, guild_id, name)
            query = (
                delete(GroupMemberRow)
                .where(GroupMemberRow.group_id == group.id, GroupMemberRow.user_id == user_id)
                .returning(GroupMemberRow.user_id)
            )
            return await affected(session, query)

        return await self._db.run(work)

    async def rename(self, guild_id: int, name: str, new_name: str) -> StudyGroup:
        """Give the group a new (validated) name; NotAllowed when another group has it."""

        async def work(session: AsyncSession) -> StudyGroup:
            group = await _find(session, guild_id, name)
            row = await session.get_one(StudyGroupRow, group.id)
            row.name, row.name_key = new_name.strip(), name_key(new_name)
            try:
                await session.flush()
            except IntegrityError as exc:
                raise _name_taken(new_name) from exc
            return await _find(session, guild_id, new_name)

        return await self._db.run(work)

    async def delete(self, guild_id: int, name: str) -> StudyGroup:
        """Delete the group and its memberships (answers stay); returns what was deleted."""

        async def work(session: AsyncSession) -> StudyGroup:
            group = await _find(session, guild_id, name)
            await session.execute(delete(StudyGroupRow).where(StudyGroupRow.id == group.id))
            return group

        return await self._db.run(work)
