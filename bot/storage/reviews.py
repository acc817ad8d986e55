"""The database-backed ReviewStore (spaced-repetition state per member and prompt)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.quiz.review_store import MemberKey, ReviewState
from bot.storage.database import Repository
from bot.storage.models import ReviewStateRow
from bot.storage.sql import upsert


def _state(row: ReviewStateRow) -> ReviewState:
    return ReviewState(MemberKey(row.guild_id, row.user_id), row.prompt_id, row.card_json, row.due, row.topic)


def _of(member: MemberKey) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return ReviewStateRow.guild_id == member.guild_id, ReviewStateRow.user_id == member.user_id


async def put_review(session: AsyncSession, state: ReviewState) -> None:
    """Insert or replace one member's state of one prompt, inside the caller's transaction."""
    values = {
        "guild_id": state.member.guild_id,
        "user_id": state.member.user_id,
        "prompt_id": state.prompt_id,
        "card_json": state.card_json,
        "due": state.due,
        "topic": state.topic,
    }
    await upsert(session, ReviewStateRow, ("guild_id", "user_id", "prompt_id"), values)


class SqlReviewStore(Repository):
    """`bot.quiz.review_store.ReviewStore` over the `review_states` table."""

    async def get(self, member: MemberKey, prompt_id: str) -> ReviewState | None:
        async def work(session: AsyncSession) -> ReviewState | None:
            row = await session.get(ReviewStateRow, (member.guild_id, member.user_id, prompt_id))
            return None if row is None else _state(row)

        return await self._db.run(work)

    async def put(self, state: ReviewState) -> None:
        await self._db.run(lambda session: put_review(session, state))

    async def due(self, member: MemberKey, now: datetime, limit: int, topic: str | None = None) -> list[ReviewState]:
        async def work(session: AsyncSession) -> list[ReviewState]:
            query = (
                select(ReviewStateRow)
                .where(*_of(member), ReviewStateRow.due <= now)
                .order_by(ReviewStateRow.due, ReviewStateRow.prompt_id)
                .limit(limit)
            )
            if topic is not None:
                query = query.where(ReviewStateRow.topic == topic)
            return [_state(row) for row in await session.scalars(query)]

        return await self._db.run(work)

    async def seen(self, member: MemberKey) -> set[str]:
        async def work(session: AsyncSession) -> set[str]:
            return set(await session.scalars(select(ReviewStateRow.prompt_id).where(*_of(member))))

        return await self._db.run(work)
