"""Many members' answers to one daily post recorded in one transaction of set-based statements (group commit).

A batch writes what one answer writes (`bot.storage.answers.log_answer`): the member, the (post, member) key, the
answer with its local date, its credit to the period totals and study day, and the new review state; each step is
one statement for the whole batch, so a rush of answers costs a few statements per batch instead of ten per answer.
The keys decide as for one answer: a member answers a post once, a retried request gets its first verdict, and
several answers of one member in the batch (double clicks) are settled as if they had come one after another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.progress.points import AnswerKind
from bot.storage.answers import (
    AnswerEntry,
    AnswerOutcome,
    Recorded,
    ReviewChange,
    ReviewStep,
    StoredAnswer,
    daily_key,
    stored_answers,
)
from bot.storage.credit import CreditedAnswer, add_credits, credits_at
from bot.storage.members import see_members
from bot.storage.models import AnswerRow, DailyAnswerRow, DailyPostRow
from bot.storage.reviews import put_reviews, read_reviews
from bot.storage.sql import table_insert


class DailyPostClosed(Exception):
    """The outcome of an answer to a revealed post that is no retry of an answer given in time (nothing written);
    the service tells the member."""


@dataclass(frozen=True)
class DailyAnswer:
    """One member's answer to a daily post, to record: the choice and its verdict and points, when, the request
    (idempotency: a retry of it gets the first verdict), the review it makes and the member's name to record."""

    user_id: int
    choice: str
    correct: bool
    points: int
    answered_at: datetime  # aware
    request_id: str
    review: ReviewStep | None = None
    member_name: str | None = None


Outcome = AnswerOutcome | DailyPostClosed


async def closed_outcomes(session: AsyncSession, post_id: int, answers: Sequence[DailyAnswer]) -> list[Outcome]:
    """A revealed post: a retry of an answer given in time gets its verdict, anything else is refused."""
    stored = await stored_answers(session, {daily_key(post_id, a.user_id) for a in answers})
    return [
        found.outcome_for(a.request_id) if (found := stored.get(daily_key(post_id, a.user_id))) else DailyPostClosed()
        for a in answers
    ]


async def log_daily_answers(session: AsyncSession, post: DailyPostRow, answers: Sequence[DailyAnswer]) -> list[Outcome]:
    """Record the answers to an open post (inside the caller's transaction): one outcome per answer, in order.

    Each member's first answer in the batch is the one written; rows are written in the order of the members' ids
    (the lock order of every answer, so batches and single answers never deadlock).
    """
    first: dict[int, int] = {}  # member → the index of their first answer in the batch
    for index, answer in enumerate(answers):
        first.setdefault(answer.user_id, index)
    writers = [answers[first[user_id]] for user_id in sorted(first)]
    names = {a.user_id: a.member_name for a in writers if a.member_name is not None}
    await see_members(session, post.guild_id, names)
    new = await _claim_keys(session, post.id, writers)
    stored = await _earlier(session, post.id, [a for a in writers if a.user_id not in new])
    written = await _write(session, post, [a for a in writers if a.user_id in new])
    for a in writers:
        if a.user_id in written:
            stored[a.user_id] = StoredAnswer(a.request_id, written[a.user_id].correct, written[a.user_id].points)
    return [
        written[a.user_id]
        if first[a.user_id] == index and a.user_id in written
        else stored[a.user_id].outcome_for(a.request_id)
        for index, a in enumerate(answers)
    ]


async def _claim_keys(session: AsyncSession, post_id: int, writers: list[DailyAnswer]) -> set[int]:
    """Insert the (post, member) keys; the members whose key was free (the database's unique key decides)."""
    rows = [
        {
            "post_id": post_id,
            "user_id": a.user_id,
            "choice": a.choice,
            "correct": a.correct,
            "answered_at": a.answered_at,
        }
        for a in writers
    ]
    if not rows:
        return set()
    statement = table_insert(session, DailyAnswerRow).on_conflict_do_nothing().returning(DailyAnswerRow.user_id)
    return set((await session.execute(statement, rows)).scalars())


async def _earlier(session: AsyncSession, post_id: int, taken: list[DailyAnswer]) -> dict[int, StoredAnswer]:
    """What the members whose key was taken answered before: the log's entry, else (written by a release before
    the log kept keys) the key's own verdict with no points and no request."""
    if not taken:
        return {}
    logged = await stored_answers(session, [daily_key(post_id, a.user_id) for a in taken])
    query = select(DailyAnswerRow.user_id, DailyAnswerRow.correct).where(
        DailyAnswerRow.post_id == post_id, DailyAnswerRow.user_id.in_([a.user_id for a in taken])
    )
    verdicts = dict((await session.execute(query)).tuples().all())
    return {
        a.user_id: logged.get(daily_key(post_id, a.user_id)) or StoredAnswer("", bool(verdicts.get(a.user_id)), 0)
        for a in taken
    }


async def _write(session: AsyncSession, post: DailyPostRow, fresh: list[DailyAnswer]) -> dict[int, AnswerOutcome]:
    """Log the new answers with their credit and review states (five statements); each member's outcome."""
    if not fresh:
        return {}
    before = await read_reviews(session, post.guild_id, [a.user_id for a in fresh], post.prompt_id)
    credits = await credits_at(session, post.guild_id, {a.user_id: a.answered_at for a in fresh})
    outcomes: dict[int, AnswerOutcome] = {}
    rows, credited, states = [], [], []
    for a in fresh:
        change, points = None, a.points
        if a.review is not None:
            change = ReviewChange(before.get(a.user_id), a.review.next_state(before.get(a.user_id)))
            points = a.points if a.review.points is None else a.review.points(change.before)
            states.append(change.after)
        key = daily_key(post.id, a.user_id)
        entry = AnswerEntry(
            post.guild_id,
            a.user_id,
            post.prompt_id,
            AnswerKind.DAILY,
            a.correct,
            points,
            a.answered_at,
            key,
            a.request_id,
        )
        credit = credits[a.user_id]
        rows.append(entry.values(credit.study_day))
        credited.append(CreditedAnswer(a.user_id, credit, points, a.correct))
        outcomes[a.user_id] = AnswerOutcome(Recorded.NEW, a.correct, points, change)
    await session.execute(table_insert(session, AnswerRow), rows)
    await add_credits(session, post.guild_id, credited)
    await put_reviews(session, states)
    return outcomes
