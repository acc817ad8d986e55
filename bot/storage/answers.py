"""The log of every answer (daily quiz, quiz, review): the source of points and study days."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.quiz.review_store import ReviewState
from bot.storage.database import Repository
from bot.storage.models import ANSWER_KINDS, AnswerRow
from bot.storage.reviews import put_review


def answer_row(
    guild_id: int, user_id: int, prompt_id: str, kind: str, correct: bool, points: int, answered_at: datetime
) -> AnswerRow:
    """A checked log row (`kind` is one of ANSWER_KINDS)."""
    if kind not in ANSWER_KINDS:
        raise ValueError(f"answer kind must be one of {ANSWER_KINDS}, not {kind!r}")
    return AnswerRow(
        guild_id=guild_id,
        user_id=user_id,
        prompt_id=prompt_id,
        kind=str(kind),
        correct=correct,
        points=points,
        answered_at=answered_at,
    )


class AnswerRepository(Repository):
    async def record(
        self,
        guild_id: int,
        user_id: int,
        prompt_id: str,
        *,
        kind: str,
        correct: bool,
        points: int,
        answered_at: datetime,
        review: ReviewState | None = None,
    ) -> None:
        """Log one quiz or review answer, and the member's new review state in the same transaction.

        Daily answers go through DailyPostRepository.record_answer.
        """

        async def work(session: AsyncSession) -> None:
            session.add(answer_row(guild_id, user_id, prompt_id, kind, correct, points, answered_at))
            if review is not None:
                await put_review(session, review)

        await self._db.run(work)

    async def study_times(self, guild_id: int, user_id: int) -> list[datetime]:
        """When (UTC, oldest first) the member answered anything in the server: the input of streaks."""

        async def work(session: AsyncSession) -> list[datetime]:
            query = (
                select(AnswerRow.answered_at)
                .where(AnswerRow.guild_id == guild_id, AnswerRow.user_id == user_id)
                .order_by(AnswerRow.answered_at)
            )
            return list(await session.scalars(query))

        return await self._db.run(work)
