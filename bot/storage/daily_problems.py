"""A server's daily-quiz problem (why its post or reveal was given up), kept until a post succeeds again, and
whether its managers have been told."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import PROBLEM_LENGTH, DailyProblemRow
from bot.storage.records import DailyProblem
from bot.storage.sql import to_record


class DailyProblemRepository(Repository):
    """Recording a problem and telling the managers are separate steps: a problem stays untold until `told`, so
    neither a crash before the message nor a lost COMMIT acknowledgement of `report` loses the message."""

    async def report(self, guild_id: int, channel_id: int, problem: str, now: datetime) -> bool:
        """Record the server's problem; True when it is news (none, or a different one, was recorded): then it is
        untold. Repeating a report changes nothing."""
        problem = problem[:PROBLEM_LENGTH]

        async def work(session: AsyncSession) -> bool:
            row = await session.get(DailyProblemRow, guild_id)
            if row is not None and (row.channel_id, row.problem) == (channel_id, problem):
                return False
            if row is None:
                session.add(DailyProblemRow(guild_id=guild_id, channel_id=channel_id, problem=problem, since=now))
            else:
                row.channel_id, row.problem, row.since, row.told_at = channel_id, problem, now, None
            return True

        return await self._db.run(work)

    async def untold(self, guild_ids: Collection[int] | None = None) -> list[DailyProblem]:
        """The problems (of `guild_ids`) whose managers have not been told yet, oldest first."""
        query = select(DailyProblemRow).where(DailyProblemRow.told_at.is_(None)).order_by(DailyProblemRow.since)
        if guild_ids is not None:
            query = query.where(DailyProblemRow.guild_id.in_(list(guild_ids)))

        async def work(session: AsyncSession) -> list[DailyProblem]:
            return [to_record(row, DailyProblem) for row in (await session.scalars(query)).all()]

        return await self._db.run(work)

    async def told(self, problem: DailyProblem, now: datetime) -> None:
        """The managers were told about `problem` (a newer problem of the server stays untold; safe to repeat)."""
        query = (
            update(DailyProblemRow)
            .where(
                DailyProblemRow.guild_id == problem.guild_id,
                DailyProblemRow.channel_id == problem.channel_id,
                DailyProblemRow.problem == problem.problem[:PROBLEM_LENGTH],
                DailyProblemRow.told_at.is_(None),
            )
            .values(told_at=now)
        )
        await self._db.run(lambda session: session.execute(query))

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
