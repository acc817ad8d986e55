"""Daily quiz posts: claimed once per server and local date, answered once per member, revealed once."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import NotAllowed, NotFound
from bot.quiz.review_store import ReviewState
from bot.storage.answers import AnswerEntry, AnswerOutcome, Recorded, daily_key, log_answer, stored_outcome
from bot.storage.database import Repository
from bot.storage.models import DailyAnswerRow, DailyPostRow
from bot.storage.records import DailyPost, DailyResults
from bot.storage.sql import affected, count_true, insert_or_nothing, to_record

POSTED, REVEALED = "posted", "revealed"


async def _post(session: AsyncSession, post_id: int) -> DailyPostRow:
    row = await session.get(DailyPostRow, post_id)
    if row is None:
        raise NotFound("That daily quiz no longer exists.")
    return row


class DailyPostRepository(Repository):
    async def claim(
        self,
        guild_id: int,
        local_date: date,
        prompt_id: str,
        channel_id: int,
        reveal_at: datetime,
        now: datetime,
    ) -> DailyPost | None:
        """Reserve the server's post for `local_date` before sending it; None when already claimed."""
        values = {
            "guild_id": guild_id,
            "local_date": local_date,
            "prompt_id": prompt_id,
            "channel_id": channel_id,
            "state": POSTED,
            "reveal_at": reveal_at,
            "claimed_at": now,
        }

        async def work(session: AsyncSession) -> DailyPost | None:
            inserted = await insert_or_nothing(session, DailyPostRow, values)
            return None if inserted is None else to_record(await _post(session, inserted.id), DailyPost)

        return await self._db.run(work)

    async def set_message_id(self, post_id: int, message_id: int) -> None:
        """Remember the Discord message that carries the post."""

        async def work(session: AsyncSession) -> None:
            (await _post(session, post_id)).message_id = message_id

        await self._db.run(work)

    async def release(self, post_id: int) -> bool:
        """Give up a claim whose message was never sent (so it may be claimed again); False otherwise."""
        query = (
            delete(DailyPostRow)
            .where(DailyPostRow.id == post_id, DailyPostRow.message_id.is_(None))
            .returning(DailyPostRow.id)
        )
        return await self._db.run(lambda session: affected(session, query))

    async def get(self, post_id: int) -> DailyPost | None:
        async def work(session: AsyncSession) -> DailyPost | None:
            row = await session.get(DailyPostRow, post_id)
            return None if row is None else to_record(row, DailyPost)

        return await self._db.run(work)

    async def due_for_reveal(self, now: datetime, guild_ids: Collection[int] | None = None) -> list[DailyPost]:
        """Sent, unrevealed posts whose reveal time has come, oldest first (optionally for some servers)."""

        async def work(session: AsyncSession) -> list[DailyPost]:
            query = (
                select(DailyPostRow)
                .where(
                    DailyPostRow.state == POSTED,
                    DailyPostRow.reveal_at <= now,
                    DailyPostRow.message_id.is_not(None),
                )
                .order_by(DailyPostRow.reveal_at, DailyPostRow.id)
            )
            if guild_ids is not None:
                query = query.where(DailyPostRow.guild_id.in_(list(guild_ids)))
            return [to_record(row, DailyPost) for row in await session.scalars(query)]

        return await self._db.run(work)

    async def mark_revealed(self, post_id: int) -> bool:
        """Claim the reveal: True for exactly one caller, False when it was already revealed."""
        query = (
            update(DailyPostRow)
            .where(DailyPostRow.id == post_id, DailyPostRow.state == POSTED)
            .values(state=REVEALED)
            .returning(DailyPostRow.id)
        )
        return await self._db.run(lambda session: affected(session, query))

    async def record_answer(
        self,
        post_id: int,
        user_id: int,
        *,
        choice: str,
        correct: bool,
        points: int,
        answered_at: datetime,
        request_id: str,
        review: ReviewState | None = None,
    ) -> AnswerOutcome:
        """Count the member's one answer to the post (logged with its points, their review state stored), at once.

        The key is (post, member): a retry of the same `request_id` gets the first write's verdict (RETRIED);
        any other answer of the member is TAKEN. A revealed post refuses new answers (NotAllowed) before writing.
        """

        async def work(session: AsyncSession) -> AnswerOutcome:
            key = daily_key(post_id, user_id)
            found = await stored_outcome(session, key, request_id)
            if found is not None:
                return found
            post = await _post(session, post_id)
            if post.state != POSTED:
                raise NotAllowed("This daily quiz is closed; the answer has been revealed.")
            values = {
                "post_id": post_id,
                "user_id": user_id,
                "choice": choice,
                "correct": correct,
                "answered_at": answered_at,
            }
            if await insert_or_nothing(session, DailyAnswerRow, values) is None:
                earlier = await session.get(DailyAnswerRow, (post_id, user_id))
                return AnswerOutcome(Recorded.TAKEN, bool(earlier and earlier.correct), 0)
            entry = AnswerEntry(
                post.guild_id, user_id, post.prompt_id, "daily", correct, points, answered_at, key, request_id
            )
            return await log_answer(session, entry, review)

        return await self._db.run(work)

    async def results(self, post_id: int) -> DailyResults:
        """How many members answered the post and how many of them were right."""

        async def work(session: AsyncSession) -> DailyResults:
            query = select(func.count(), count_true(DailyAnswerRow.correct)).where(DailyAnswerRow.post_id == post_id)
            answered, correct = (await session.execute(query)).one()
            return DailyResults(post_id, int(answered), int(correct))

        return await self._db.run(work)
