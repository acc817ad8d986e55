"""Daily quiz posts: claimed once per server and local date, answered once per member, revealed once."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.answers import AnswerOutcome, ReviewStep
from bot.storage.daily_answers import DailyAnswer, DailyPostClosed, Outcome, closed_outcomes, log_daily_answers
from bot.storage.database import Repository
from bot.storage.models import PROBLEM_LENGTH, DailyAnswerRow, DailyPostRow
from bot.storage.records import DailyHistory, DailyPost, DailyResults, DailyState
from bot.storage.sql import affected, count_true, insert_or_nothing, to_record

DailyPick = Callable[[DailyHistory], tuple[str, str]]  # what a server asked before → (prompt id, prompt JSON)


class DailyPostGone(LookupError):
    """No daily post has this id (it was never made, or is gone); the service tells the member."""


async def _post(session: AsyncSession, post_id: int) -> DailyPostRow:
    row = await session.get(DailyPostRow, post_id)
    if row is None:
        raise DailyPostGone(post_id)
    return row


def _reveal_free(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """A sent post whose reveal nobody holds (never claimed, lease lapsed, back-off over) and not given up."""
    return (
        DailyPostRow.message_id.is_not(None),
        DailyPostRow.problem.is_(None),
        or_(DailyPostRow.retry_at.is_(None), DailyPostRow.retry_at <= now),
    )


async def _history(session: AsyncSession, guild_id: int, before: date, latest: int) -> DailyHistory:
    """What the server's posts before `before` asked: each prompt's last local date, and the `latest` posts.

    A post counts unless its day was given up before a message was recorded (nobody saw it); a post whose claim
    lapsed unrecorded counts, since it may have been sent. One grouped read, however long the history.
    """
    asked = (
        DailyPostRow.guild_id == guild_id,
        DailyPostRow.local_date < before,
        or_(DailyPostRow.message_id.is_not(None), DailyPostRow.problem.is_(None)),
    )
    last_asked = (
        select(DailyPostRow.prompt_id, func.max(DailyPostRow.local_date)).where(*asked).group_by(DailyPostRow.prompt_id)
    )
    newest = select(DailyPostRow).where(*asked).order_by(DailyPostRow.local_date.desc()).limit(latest)
    dates = {prompt_id: day for prompt_id, day in (await session.execute(last_asked)).all()}
    posts = tuple(to_record(row, DailyPost) for row in await session.scalars(newest))
    return DailyHistory(dates, posts)


class DailyPostRepository(Repository):
    """Each step of a server's daily post (send it, then reveal it) is claimed with a lease before it is done.

    A step whose claimer vanished (crash, restart) is free again once `retry_at` has passed; a failed step backs
    off the same way. Every write is safe to repeat (a retry after a lost commit acknowledgement changes nothing).
    """

    async def claim(
        self,
        guild_id: int,
        local_date: date,
        pick: DailyPick,
        channel_id: int,
        reveal_at: datetime,
        now: datetime,
        lease_until: datetime,
        *,
        latest: int,
    ) -> tuple[DailyPost, bool] | None:
        """Claim sending the server's post for `local_date` until `lease_until`.

        A new claim's prompt is `pick(history)`: (prompt id, prompt JSON) from what the server's posts before
        `local_date` asked (`latest` of them in full), read in the claim's own transaction. (post, False) for a
        new claim; (post, True) when an earlier claim lapsed without recording a message (it may have been sent:
        look before sending again); None while another claim holds, once the message is recorded, or when the
        day was given up. A retaken claim keeps its first prompt and channel.
        """
        today = (DailyPostRow.guild_id == guild_id, DailyPostRow.local_date == local_date)

        async def work(session: AsyncSession) -> tuple[DailyPost, bool] | None:
            if await session.scalar(select(DailyPostRow.id).where(*today)) is None:
                prompt_id, prompt_json = pick(await _history(session, guild_id, local_date, latest))
                values = {
                    "guild_id": guild_id,
                    "local_date": local_date,
                    "prompt_id": prompt_id,
                    "prompt_json": prompt_json,
                    "channel_id": channel_id,
                    "state": DailyState.POSTED,
                    "reveal_at": reveal_at,
                    "claimed_at": now,
                    "attempts": 0,
                    "retry_at": lease_until,
                }
                inserted = await insert_or_nothing(session, DailyPostRow, values)
                if inserted is not None:
                    return to_record(await _post(session, inserted.id), DailyPost), False
            retake = (
                update(DailyPostRow)
                .where(
                    *today,
                    DailyPostRow.message_id.is_(None),
                    DailyPostRow.problem.is_(None),
                    DailyPostRow.retry_at <= now,
                )
                .values(retry_at=lease_until)
                .returning(DailyPostRow.id)
            )
            retaken = (await session.execute(retake)).scalar()
            return None if retaken is None else (to_record(await _post(session, retaken), DailyPost), True)

        return await self._db.run(work)

    async def settled(self, since: date) -> set[tuple[int, date]]:
        """(server, local date) of every post from `since` on that needs no more sending: its message is
        recorded, or the day was given up."""
        query = select(DailyPostRow.guild_id, DailyPostRow.local_date).where(
            DailyPostRow.local_date >= since,
            or_(DailyPostRow.message_id.is_not(None), DailyPostRow.problem.is_not(None)),
        )

        async def work(session: AsyncSession) -> set[tuple[int, date]]:
            return {(guild_id, day) for guild_id, day in (await session.execute(query)).all()}

        return await self._db.run(work)

    async def set_message_id(self, post_id: int, message_id: int) -> None:
        """Remember the Discord message that carries the post; its reveal is the next step (no claim yet)."""
        await self._set(post_id, message_id=message_id, attempts=0, retry_at=None)

    async def retry_later(self, post_id: int, attempts: int, retry_at: datetime) -> None:
        """Record `attempts` failed attempts at the current step; it may be claimed again at `retry_at`."""
        await self._set(post_id, attempts=attempts, retry_at=retry_at)

    async def give_up(self, post_id: int, problem: str) -> None:
        """Stop the day: no more attempts to post or reveal, and no more answers."""
        await self._set(post_id, problem=problem[:PROBLEM_LENGTH], state=DailyState.REVEALED, retry_at=None)

    async def _set(self, post_id: int, **values: object) -> None:
        await self._db.run(
            lambda session: session.execute(update(DailyPostRow).where(DailyPostRow.id == post_id).values(**values))
        )

    async def get(self, post_id: int) -> DailyPost | None:
        async def work(session: AsyncSession) -> DailyPost | None:
            row = await session.get(DailyPostRow, post_id)
            return None if row is None else to_record(row, DailyPost)

        return await self._db.run(work)

    async def due_for_reveal(self, now: datetime, guild_ids: Collection[int] | None = None) -> list[DailyPost]:
        """Sent, open posts whose reveal time has come and whose reveal is not claimed, oldest first."""

        async def work(session: AsyncSession) -> list[DailyPost]:
            query = (
                select(DailyPostRow)
                .where(DailyPostRow.state == DailyState.POSTED, DailyPostRow.reveal_at <= now, *_reveal_free(now))
                .order_by(DailyPostRow.reveal_at, DailyPostRow.id)
            )
            if guild_ids is not None:
                query = query.where(DailyPostRow.guild_id.in_(list(guild_ids)))
            return [to_record(row, DailyPost) for row in await session.scalars(query)]

        return await self._db.run(work)

    async def claim_reveal(self, post_id: int, now: datetime, lease_until: datetime) -> bool:
        """Claim revealing the post until `lease_until`: True for one caller while the claim holds."""
        query = (
            update(DailyPostRow)
            .where(DailyPostRow.id == post_id, DailyPostRow.state == DailyState.POSTED, *_reveal_free(now))
            .values(retry_at=lease_until)
            .returning(DailyPostRow.id)
        )
        return await self._db.run(lambda session: affected(session, query))

    async def mark_revealed(self, post_id: int) -> None:
        """The reveal was sent: close the post (repeating it changes nothing)."""
        await self._set(post_id, state=DailyState.REVEALED, retry_at=None)

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
        review: ReviewStep | None = None,
        member_name: str | None = None,
    ) -> AnswerOutcome:
        """Count the member's one answer to the post (logged with its points, their review state stored), at once,
        in one transaction; with `member_name` the member is recorded (or their name refreshed) in it too.

        The key is (post, member): a retry of the same `request_id` gets the first write's verdict (RETRIED);
        any other answer of the member is TAKEN. A revealed post refuses new answers (DailyPostClosed) before writing;
        DailyPostGone when there is no such post.
        """
        answer = DailyAnswer(user_id, choice, correct, points, answered_at, request_id, review, member_name)
        [outcome] = await self.record_answers(post_id, [answer])
        if isinstance(outcome, DailyPostClosed):
            raise outcome
        return outcome

    async def record_answers(self, post_id: int, answers: Sequence[DailyAnswer]) -> list[Outcome]:
        """`record_answer` of many answers to the post in one transaction (a few statements, whatever their
        number): one outcome per answer, in order, DailyPostClosed for a new answer to a revealed post.
        DailyPostGone when there is no such post; retried whole while the database is unavailable."""

        async def work(session: AsyncSession) -> list[Outcome]:
            post = await _post(session, post_id)
            if (
                post.state != DailyState.POSTED
            ):  # closed: only a retry of an answer given in time still gets its verdict
                return await closed_outcomes(session, post_id, answers)
            return await log_daily_answers(session, post, answers)

        return await self._db.run(work)

    async def results(self, post_id: int) -> DailyResults:
        """How many members answered the post and how many of them were right."""

        async def work(session: AsyncSession) -> DailyResults:
            query = select(func.count(), count_true(DailyAnswerRow.correct)).where(DailyAnswerRow.post_id == post_id)
            answered, correct = (await session.execute(query)).one()
            return DailyResults(post_id, int(answered), int(correct))

        return await self._db.run(work)
