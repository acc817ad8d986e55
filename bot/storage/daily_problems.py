"""A server's daily-quiz problem (why its post or reveal was given up), kept until a post succeeds again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import PROBLEM_LENGTH, DailyProblemRow
from bot.storage.records import DailyProblem
from bot.storage.sql import to_record


class DailyProblemRepository(Repository):
    async def report(self, guild_id: int, channel_id: int, problem: str, now: datetime) -> bool:
        """Record the server's problem; True when it is news (none, or a different one, was recorded)."""
        problem = problem[:PROBLEM_LENGTH]

        async def work(session: AsyncSession) -> bool:
            row = await session.get(DailyProblemRow, guild_id)
            if row is not None and (row.channel_id, row.problem) == (channel_id, problem):
                return False
            if row is None:
                session.add(DailyProblemRow(guild_id=guild_id, channel_id=channel_id, problem=problem, since=now))
            else:
                row.channel_id, row.problem, row.since = channel_id, problem, now
            return True

        return await self._db.run(work)

    async def clear(self, guild_id: int) -> None:
        """The daily quiz works again in this server."""
        await self._db.run(
            lambda session: session.execute(delete(DailyProblemRow).where(DailyProblemRow.guild_id == guild_id))
        )

    async def get(self, guild_id: int) -> DailyProblem | None:
        async def work(session: AsyncSession) -> DailyProblem | None:
            row = (await session.scalars(select(DailyProblemRow).where(DailyProblemRow.guild_id == guild_id))).first()
            return None if row is None else to_record(row, DailyProblem)

        return await self._db.run(work)
