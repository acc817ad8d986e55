"""Per-server settings of the daily quiz."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InvalidInput
from bot.storage.database import Repository
from bot.storage.members import start_server_followers_on
from bot.storage.models import SERVER_NAME_LENGTH, GuildSettingsRow
from bot.storage.records import GuildSettings
from bot.storage.sql import to_record, upsert
from bot.storage.validation import valid_clock_time, valid_time_zone
from bot.timezones import local_day

MAX_REVEAL_DELAY_MINUTES = 24 * 60


def validated(settings: GuildSettings, stored_zone: str | None = None) -> GuildSettings:
    """The settings with time and zone normalised and the server name cut to Discord's 100 characters;
    InvalidInput names the first bad value.

    The zone is checked only when it differs from `stored_zone` (a legacy zone already stored stays usable).
    """
    if not 1 <= settings.reveal_delay_minutes <= MAX_REVEAL_DELAY_MINUTES:
        raise InvalidInput(f"The reveal delay must be between 1 and {MAX_REVEAL_DELAY_MINUTES} minutes.")
    return replace(
        settings,
        post_time=valid_clock_time(settings.post_time),
        time_zone=settings.time_zone if settings.time_zone == stored_zone else valid_time_zone(settings.time_zone),
        server_name=settings.server_name[:SERVER_NAME_LENGTH] if settings.server_name else None,
    )


async def read_settings(session: AsyncSession, guild_id: int) -> GuildSettings:
    """The server's settings (the defaults when never configured), inside the caller's transaction."""
    row = await session.get(GuildSettingsRow, guild_id)
    return GuildSettings(guild_id=guild_id) if row is None else to_record(row, GuildSettings)


class GuildSettingsRepository(Repository):
    """Read and save `GuildSettings`; a server never configured gets the defaults."""

    async def get(self, guild_id: int) -> GuildSettings:
        return await self._db.run(lambda session: read_settings(session, guild_id))

    async def save(self, settings: GuildSettings, now: datetime) -> GuildSettings:
        """Validate and store `settings` (e.g. `replace(await get(id), post_time="08:00")`); returns it.

        A changed zone at `now` (aware) starts the members who follow it on the day
        then in progress in the old zone, so no past day of theirs moves or reopens (`members.days_from`).
        """

        async def work(session: AsyncSession) -> GuildSettings:
            row = await session.get(GuildSettingsRow, settings.guild_id)
            old_zone = GuildSettings(settings.guild_id).time_zone if row is None else row.time_zone
            clean = validated(settings, old_zone)
            if clean.time_zone != old_zone:
                await start_server_followers_on(session, settings.guild_id, local_day(now, ZoneInfo(old_zone)))
            await upsert(session, GuildSettingsRow, ("guild_id",), asdict(clean))
            return clean

        return await self._db.run(work)

    async def enabled(self) -> list[GuildSettings]:
        """Every server with the daily quiz switched on, by guild id."""

        async def work(session: AsyncSession) -> list[GuildSettings]:
            query = select(GuildSettingsRow).where(GuildSettingsRow.daily_enabled).order_by(GuildSettingsRow.guild_id)
            return [to_record(row, GuildSettings) for row in await session.scalars(query)]

        return await self._db.run(work)
