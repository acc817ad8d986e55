"""Members' verdicts on the tutor's answers (helpful or not, and which note chunks were cited)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import FeedbackRow
from bot.storage.records import FeedbackSummary
from bot.storage.sql import count_true


class FeedbackRepository(Repository):
    async def record(
        self,
        guild_id: int,
        user_id: int,
        question: str,
        *,
        helpful: bool,
        chunk_ids: Sequence[str],
        created_at: datetime,
    ) -> None:
        async def work(session: AsyncSession) -> None:
            session.add(
                FeedbackRow(
                    guild_id=guild_id,
                    user_id=user_id,
                    question=question,
                    helpful=helpful,
                    chunk_ids=list(chunk_ids),
                    created_at=created_at,
                )
            )

        await self._db.run(work)

    async def summary(self, guild_id: int | None = None) -> FeedbackSummary:
        """Helpful and unhelpful votes, in one server or everywhere."""

        async def work(session: AsyncSession) -> FeedbackSummary:
            query = select(count_true(FeedbackRow.helpful), func.count())
            if guild_id is not None:
                query = query.where(FeedbackRow.guild_id == guild_id)
            helpful, total = (await session.execute(query)).one()
            return FeedbackSummary(helpful=int(helpful), unhelpful=int(total) - int(helpful))

        return await self._db.run(work)
