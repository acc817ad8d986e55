"""Members' votes on the tutor's answers (helpful or not, and which note chunks were cited): one per member and
answer, which they may change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import VOTE_TARGET_LENGTH, FeedbackRow
from bot.storage.records import FeedbackSummary
from bot.storage.sql import count_true, upsert


class FeedbackRepository(Repository):
    async def record(
        self,
        guild_id: int,
        user_id: int,
        target: str,
        question: str,
        *,
        helpful: bool,
        chunk_ids: Sequence[str],
        created_at: datetime,
    ) -> None:
        """Store the member's vote on the answer `target` (e.g. its message id), replacing their earlier vote."""
        if not 0 < len(target) <= VOTE_TARGET_LENGTH:
            raise ValueError(f"a vote's target must be 1 to {VOTE_TARGET_LENGTH} characters")
        values = {
            "guild_id": guild_id,
            "target": target,
            "user_id": user_id,
            "question": question,
            "helpful": helpful,
            "chunk_ids": list(chunk_ids),
            "created_at": created_at,
        }
        await self._db.run(lambda session: upsert(session, FeedbackRow, ("guild_id", "target", "user_id"), values))

    async def summary(self, guild_id: int | None = None) -> FeedbackSummary:
        """Helpful and unhelpful votes, in one server or everywhere."""

        async def work(session: AsyncSession) -> FeedbackSummary:
            query = select(count_true(FeedbackRow.helpful), func.count())
            if guild_id is not None:
                query = query.where(FeedbackRow.guild_id == guild_id)
            helpful, total = (await session.execute(query)).one()
            return FeedbackSummary(helpful=int(helpful), unhelpful=int(total) - int(helpful))

        return await self._db.run(work)
