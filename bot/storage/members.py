"""Members of each server: names for leaderboards, personal time zones for streaks, who has left or is hidden."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import case, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import NotFound
from bot.storage.credit import answer_zones
from bot.storage.database import Repository
from bot.storage.models import GuildSettingsRow, MemberRow
from bot.storage.records import Member
from bot.storage.sql import affected, to_record, upsert_many
from bot.storage.validation import valid_time_zone
from bot.timezones import local_day

MAX_DISPLAY_NAME = 100


async def see_member(session: AsyncSession, guild_id: int, user_id: int, display_name: str) -> None:
    """Record the member or refresh their name, inside the caller's transaction; they are no longer marked as left."""
    await see_members(session, guild_id, {user_id: display_name})


async def see_members(session: AsyncSession, guild_id: int, names: dict[int, str]) -> None:
    """`see_member` of many members (user id → display name), one statement, in the order of their ids."""
    rows = [
        {"guild_id": guild_id, "user_id": user_id, "display_name": name[:MAX_DISPLAY_NAME], "has_left": False}
        for user_id, name in sorted(names.items())
    ]
    await upsert_many(session, MemberRow, ("guild_id", "user_id"), rows)


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

    async def set_time_zone(self, guild_id: int, user_id: int, time_zone: str | None, now: datetime) -> Member:
        """Set (or with None clear) the member's own IANA zone at `now` (aware).

        NotFound before the member is recorded, InvalidInput for a zone that is no place.

        When the zone the member follows changes, the day then in progress (in the old zone) becomes their
        `days_from`: no later answer is dated before it, so moving west cannot reopen a missed day.
        """
        zone = None if time_zone is None else valid_time_zone(time_zone)

        async def work(session: AsyncSession) -> Member:
            row = await _fetch(session, guild_id, user_id)
            server_zone = await session.scalar(
                select(GuildSettingsRow.time_zone).where(GuildSettingsRow.guild_id == guild_id)
            )
            old, _ = answer_zones(row.time_zone, server_zone)
            new, _ = answer_zones(zone, server_zone)
            if old.key != new.key:
                row.days_from = local_day(now, old, row.days_from)
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


async def start_server_followers_on(session: AsyncSession, guild_id: int, day: date) -> None:
    """The server's zone changed while `day` was in progress in the old one: members following the server's zone
    (none of their own) get it as their `days_from`, unless theirs is later already (in the caller's transaction)."""
    later = case((or_(MemberRow.days_from.is_(None), MemberRow.days_from < day), day), else_=MemberRow.days_from)
    await session.execute(
        update(MemberRow)
        .where(MemberRow.guild_id == guild_id, MemberRow.time_zone.is_(None))
        .values(days_from=later)
        .execution_options(synchronize_session=False)
    )
