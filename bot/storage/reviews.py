"""The database-backed ReviewStore (spaced-repetition state per member and prompt)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, false, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.quiz.review_store import MemberKey, ReviewState
from bot.storage.database import Repository
from bot.storage.models import MemberRow, ReviewStateRow
from bot.storage.sql import upsert_many


def _state(row: ReviewStateRow) -> ReviewState:
    member = MemberKey(row.guild_id, row.user_id)
    return ReviewState(
        member, row.prompt_id, row.card_json, row.due, row.topic, row.lapses, row.last_correct, row.leech
    )


def _of(member: MemberKey) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return ReviewStateRow.guild_id == member.guild_id, ReviewStateRow.user_id == member.user_id


async def put_review(session: AsyncSession, state: ReviewState) -> None:
    """Insert or replace one member's state of one prompt, inside the caller's transaction."""
    await put_reviews(session, [state])


async def put_reviews(session: AsyncSession, states: list[ReviewState]) -> None:
    """`put_review` of many states (one statement), written in the order of their members (the lock order)."""
    rows = [
        {
            "guild_id": state.member.guild_id,
            "user_id": state.member.user_id,
            "prompt_id": state.prompt_id,
            "card_json": state.card_json,
            "due": state.due,
            "topic": state.topic,
            "lapses": state.lapses,
            "last_correct": state.last_correct,
            "leech": state.leech,
        }
        for state in sorted(states, key=lambda state: (state.member.guild_id, state.member.user_id, state.prompt_id))
    ]
    await upsert_many(session, ReviewStateRow, ("guild_id", "user_id", "prompt_id"), rows)


async def read_review(session: AsyncSession, member: MemberKey, prompt_id: str) -> ReviewState | None:
    """One member's state of one prompt (None: never seen), inside the caller's transaction."""
    row = await session.get(ReviewStateRow, (member.guild_id, member.user_id, prompt_id))
    return None if row is None else _state(row)


async def read_reviews(
    session: AsyncSession, guild_id: int, user_ids: Collection[int], prompt_id: str
) -> dict[int, ReviewState]:
    """Many members' states of one prompt by user id (a member who never saw it is absent), one statement."""
    query = select(ReviewStateRow).where(
        ReviewStateRow.guild_id == guild_id, ReviewStateRow.prompt_id == prompt_id, ReviewStateRow.user_id.in_(user_ids)
    )
    return {row.user_id: _state(row) for row in await session.scalars(query)}


class SqlReviewStore(Repository):
    """`bot.quiz.review_store.ReviewStore` over the `review_states` table."""

    async def get(self, member: MemberKey, prompt_id: str) -> ReviewState | None:
        return await self._db.run(lambda session: read_review(session, member, prompt_id))

    async def put(self, state: ReviewState) -> None:
        await self._db.run(lambda session: put_review(session, state))

    async def due_ids(self, member: MemberKey, now: datetime, topic: str | None = None) -> list[str]:
        async def work(session: AsyncSession) -> list[str]:
            query = (
                select(ReviewStateRow.prompt_id)
                .where(*_of(member), ReviewStateRow.due <= now, ReviewStateRow.leech.is_(False))
                .order_by(ReviewStateRow.due, ReviewStateRow.prompt_id)
            )
            if topic is not None:
                query = query.where(ReviewStateRow.topic == topic)
            return list(await session.scalars(query))

        return await self._db.run(work)

    async def seen(self, member: MemberKey) -> set[str]:
        async def work(session: AsyncSession) -> set[str]:
            return set(await session.scalars(select(ReviewStateRow.prompt_id).where(*_of(member))))

        return await self._db.run(work)

    async def states(self, member: MemberKey) -> list[ReviewState]:
        return await self._states(select(ReviewStateRow).where(*_of(member)))

    async def leeches(self, member: MemberKey) -> list[ReviewState]:
        query = select(ReviewStateRow).where(*_of(member), ReviewStateRow.leech.is_(True))
        return await self._states(query.order_by(ReviewStateRow.due.desc(), ReviewStateRow.prompt_id.desc()))

    async def _states(self, query: Select[ReviewStateRow]) -> list[ReviewState]:
        async def work(session: AsyncSession) -> list[ReviewState]:
            return [_state(row) for row in await session.scalars(query)]

        return await self._db.run(work)

    async def recalled_in(self, guild_id: int, topics: Collection[str], at_least: int) -> dict[int, list[ReviewState]]:
        """The server's visible members (not left, not hidden) whose last answer was right on at least `at_least`
        prompts of `topics`, each with all their states in those topics; one query, whatever the server's size."""
        in_topics = (ReviewStateRow.guild_id == guild_id, ReviewStateRow.topic.in_(list(topics)))
        recalled = (
            select(ReviewStateRow.user_id)
            .join(MemberRow, and_(MemberRow.guild_id == guild_id, MemberRow.user_id == ReviewStateRow.user_id))
            .where(*in_topics, ReviewStateRow.last_correct.is_(True), MemberRow.has_left == false())
            .where(MemberRow.hidden == false())
            .group_by(ReviewStateRow.user_id)
            .having(func.count() >= at_least)
        )
        by_member: dict[int, list[ReviewState]] = {}
        for state in await self._states(select(ReviewStateRow).where(*in_topics, ReviewStateRow.user_id.in_(recalled))):
            by_member.setdefault(state.member.user_id, []).append(state)
        return by_member
