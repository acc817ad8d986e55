"""Season closings: each server's past week or month is closed (and its winners announced) exactly once."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete

from bot.storage.database import Repository
from bot.storage.models import SeasonClosingRow
from bot.storage.sql import affected, insert_or_nothing


class SeasonRepository(Repository):
    async def claim(self, guild_id: int, period: str, starts_on: date, now: datetime) -> bool:
        """True for exactly one caller (across processes) per server and season; False once it is closed."""
        values = {"guild_id": guild_id, "period": period, "starts_on": starts_on, "closed_at": now}
        return await self._db.run(lambda session: insert_or_nothing(session, SeasonClosingRow, values)) is not None

    async def release(self, guild_id: int, period: str, starts_on: date) -> bool:
        """Give up a claim whose announcement could not be sent, so a later attempt closes it; False if none."""
        query = (
            delete(SeasonClosingRow)
            .where(
                SeasonClosingRow.guild_id == guild_id,
                SeasonClosingRow.period == period,
                SeasonClosingRow.starts_on == starts_on,
            )
            .returning(SeasonClosingRow.guild_id)
        )
        return await self._db.run(lambda session: affected(session, query))
