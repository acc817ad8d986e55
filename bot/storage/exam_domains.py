"""A server's moves of top-level sections between exam domains, overriding the notes' profile there."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import ExamSectionDomainRow
from bot.storage.sql import upsert


class ExamDomainRepository(Repository):
    """Per server: section → domain (None: in no domain). Values arrive validated (bot.service.exam_domains)."""

    async def moves(self, guild_id: int) -> dict[str, str | None]:
        """The server's moves, by section (empty: the profile's mapping as it is)."""

        async def work(session: AsyncSession) -> dict[str, str | None]:
            query = select(ExamSectionDomainRow).where(ExamSectionDomainRow.guild_id == guild_id)
            return {row.section: row.domain for row in await session.scalars(query)}

        return await self._db.run(work)

    async def move(self, guild_id: int, section: str, domain: str | None, set_by: int, now: datetime) -> None:
        values = {"guild_id": guild_id, "section": section, "domain": domain, "set_by": set_by, "set_at": now}
        await self._db.run(lambda session: upsert(session, ExamSectionDomainRow, ("guild_id", "section"), values))

    async def reset(self, guild_id: int, section: str | None = None) -> int:
        """Forget one section's move (or every move of the server); the number forgotten."""
        statement = delete(ExamSectionDomainRow).where(ExamSectionDomainRow.guild_id == guild_id)
        if section is not None:
            statement = statement.where(ExamSectionDomainRow.section == section)

        async def work(session: AsyncSession) -> int:
            result = await session.execute(statement.returning(ExamSectionDomainRow.section))
            return len(result.all())

        return await self._db.run(work)
