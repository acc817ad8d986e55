"""Members of each server: names for leaderboards, personal time zones for streaks, who has left or is hidden."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import NotFound
from bot.storage.database import Repository
from bot.storage.models import MemberRow
from bot.storage.records import Member
from bot.storage.sql import affected, to_record, upsert
from bot.storage.validation import valid_time_zone

MAX_DISPLAY_NAME = 100


async def see_member(session: AsyncSession, guild_id: int, user_id: int, display_name: str) -> None:
    """Record the member or refresh their name, inside the caller's transaction; they are no longer marked as left."""
    values = {
        "guild_id": guild_id,
        "user_id": user_id,
        "display_name": display_name[:MAX_DISPLAY_NAME],
        "has_left": False,
    }
    await upsert(session, MemberRow, ("guild_id", "user_id"), values)


class MemberRepository(Repository):
    async def upsert(self, guild_id: int, user_id: int, display_name: str) -> Member:
        """Record the member (or refresh the name); a member seen again is no longer marked as left."""

        async def work(session: AsyncSession) -> Member:
            await see_member(session, guild_id, user_id, display_name)
            return to_record(await _fetch(session, guild_id, user_id), Member)

        return await self._db.run(work)

    async def get(self, guild_id: int, user_id: int) -> Member | None:
        async def work(session: AsyncSession) -> Member | None:
            row = await session.get(MemberRow, (guild_id, user_id))
            return None if row is None else to_record(row, Member)

        return await self._db.run(work)

    async def set_time_zone(self, guild_id: int, user_id: int, time_zone: str | None) -> Member:
        """Set (or with None clear) the member's own IANA zone; NotFound before the member is recorded."""
        zone = None if time_zone is None else valid_time_zone(time_zone)

        async def work(session: AsyncSession) -> Member:
            row = await _fetch(session, guild_id, user_id)
            row.time_zone = zone
            return to_record(row, Member)

        return await self._db.run(work)

    async def mark_left(self, guild_id: int, user_id: int) -> bool:
        """Hide the member from leaderboards until they answer again (history stays); False when unknown."""
        return await self._set(guild_id, user_id, has_left=True)

    async def set_hidden(self, guild_id: int, user_id: int, hidden: bool) -> bool:
        """Hide the member from every board, or show them again (a manager's choice; history stays).

        False when the member is unknown.
        """
        return await self._set(guild_id, user_id, hidden=hidden)

    async def _set(self, guild_id: int, user_id: int, **values: bool) -> bool:
        query = (
            update(MemberRow)
            .where(MemberRow.guild_id == guild_id, MemberRow.user_id == user_id)
            .values(**values)
            .returning(MemberRow.user_id)
        )
        return await self._db.run(lambda session: affected(session, query))


async def _fetch(session: AsyncSession, guild_id: int, user_id: int) -> MemberRow:
    row = await session.scalar(select(MemberRow).where(MemberRow.guild_id == guild_id, MemberRow.user_id == user_id))
    if row is None:
        raise NotFound("I have no record of that member in this server yet.")
    return row
