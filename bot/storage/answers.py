"""The log of every answer (daily quiz, quiz, review), written with its credit to the boards (`credit.py`).

Every answer carries an idempotency key (`answer_key`, unique): what makes two answers the same answer (a quiz
round and question, a daily post and member, one interaction). The request that wrote it is kept beside it
(`request_id`), so a retried request (after a lost COMMIT acknowledgement, say) finds its own first write and gets
the same verdict, while another request with the same key is told the answer was already taken.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.progress.points import AnswerKind
from bot.quiz.review_store import MemberKey, ReviewState
from bot.storage.credit import add_credit, claim_recall, credit_at
from bot.storage.database import Repository
from bot.storage.members import see_member
from bot.storage.models import ANSWER_KEY_LENGTH, REQUEST_ID_LENGTH, AnswerRow
from bot.storage.reviews import put_review, read_review
from bot.storage.sql import insert_or_nothing


def round_key(round_id: str, prompt_id: str) -> str:
    """The key of an answer to one question of one quiz round: answered once, however many clicks or boxes."""
    return f"round:{round_id}:{prompt_id}"


def daily_key(post_id: int, user_id: int) -> str:
    """The key of a member's answer to one daily post."""
    return f"daily:{post_id}:{user_id}"


def request_key(request_id: str) -> str:
    """The key of an answer that belongs to no round: the request (e.g. the Discord interaction) itself."""
    return f"request:{request_id}"


class Recorded(enum.Enum):
    NEW = "new"  # this request stored the answer
    RETRIED = "retried"  # this request had stored it already (a retry): the first write's verdict
    TAKEN = "taken"  # another request stored an answer with the same key first


@dataclass(frozen=True)
class ReviewStep:
    """The review an answer makes, computed inside the answer's transaction from the state stored then
    (`next_state` is pure: a retried transaction computes it again)."""

    member: MemberKey
    prompt_id: str
    next_state: Callable[[ReviewState | None], ReviewState]
    points: Callable[[ReviewState | None], int] | None = None  # the answer's points from the state before (None:
    # the entry's own), e.g. a review scores only when it was due


@dataclass(frozen=True)
class ReviewChange:
    """The member's review state of the prompt before the answer (None: never seen) and the one stored."""

    before: ReviewState | None
    after: ReviewState


@dataclass(frozen=True)
class AnswerOutcome:
    """What became of one recorded answer; `correct` and `points` are those stored (the first write's).

    `review` is the review state this request stored with a new answer through a ReviewStep, else None.
    """

    status: Recorded
    correct: bool
    points: int
    review: ReviewChange | None = None

    @property
    def counted(self) -> bool:
        """Whether the answer stored under the key is this request's own (new or retried)."""
        return self.status is not Recorded.TAKEN


@dataclass(frozen=True)
class AnswerEntry:
    """One answer to log: who, what, the verdict, and its idempotency key and request id."""

    guild_id: int
    user_id: int
    prompt_id: str
    kind: AnswerKind
    correct: bool
    points: int
    answered_at: datetime
    answer_key: str
    request_id: str

    def values(self, local_date: date) -> dict[str, object]:
        """The log's row for this answer, dated `local_date` (the member's day when given)."""
        return {**{name: getattr(self, name) for name in AnswerEntry.__dataclass_fields__}, "local_date": local_date}

    def __post_init__(self) -> None:
        if self.kind not in {kind.value for kind in AnswerKind}:
            raise ValueError(f"answer kind must be one of {', '.join(AnswerKind)}, not {self.kind!r}")
        if not 0 < len(self.answer_key) <= ANSWER_KEY_LENGTH or not 0 < len(self.request_id) <= REQUEST_ID_LENGTH:
            raise ValueError("an answer needs a key and a request id within their column sizes")


@dataclass(frozen=True)
class StoredAnswer:
    """What the log holds under a key: the request that wrote it and its verdict."""

    request_id: str
    correct: bool
    points: int

    def outcome_for(self, request_id: str) -> AnswerOutcome:
        """RETRIED for the request that wrote it, TAKEN for any other, with the stored verdict."""
        status = Recorded.RETRIED if self.request_id == request_id else Recorded.TAKEN
        return AnswerOutcome(status, self.correct, self.points)


async def stored_answers(session: AsyncSession, answer_keys: Collection[str]) -> dict[str, StoredAnswer]:
    """The logged answers under `answer_keys` (absent keys are left out), one statement."""
    query = select(AnswerRow.answer_key, AnswerRow.request_id, AnswerRow.correct, AnswerRow.points).where(
        AnswerRow.answer_key.in_(answer_keys)
    )
    rows = await session.execute(query)
    return {key: StoredAnswer(request, correct, points) for key, request, correct, points in rows}


async def stored_outcome(session: AsyncSession, answer_key: str, request_id: str) -> AnswerOutcome | None:
    """The outcome for a key already in the log (RETRIED when `request_id` wrote it, else TAKEN); None if absent."""
    found = (await stored_answers(session, [answer_key])).get(answer_key)
    return None if found is None else found.outcome_for(request_id)


async def log_answer(
    session: AsyncSession, entry: AnswerEntry, review: ReviewState | ReviewStep | None, *, looked_up: bool = False
) -> AnswerOutcome:
    """Inside the caller's transaction: look the key up (unless the caller just did: `looked_up`), then insert it
    (the unique key settles any race).

    A new answer is stored with its local date and adds its credit to the member's period totals and study day,
    and its review state is stored (a ReviewStep is computed here, from the state stored in this transaction).
    A quiz or review answer earns its points only as the member's first scoring recall of the prompt on their
    local day (otherwise it is logged with 0): the outcome carries the points awarded.
    """
    if not looked_up and (found := await stored_outcome(session, entry.answer_key, entry.request_id)) is not None:
        return found
    change = None
    if isinstance(review, ReviewStep):
        before = await read_review(session, review.member, review.prompt_id)
        change = ReviewChange(before, review.next_state(before))
        if review.points is not None:
            entry = replace(entry, points=review.points(before))
    credit = await credit_at(session, entry.guild_id, entry.user_id, entry.answered_at)
    exempt = entry.kind == AnswerKind.DAILY or not entry.points  # the daily quiz takes one answer per member anyway
    if not exempt and not await claim_recall(session, entry.guild_id, entry.user_id, entry.prompt_id, credit.study_day):
        entry = replace(entry, points=0)  # recalled for points already on this local day
    values = entry.values(credit.study_day)  # fixed now: a later change of zone never moves it
    if await insert_or_nothing(session, AnswerRow, values) is None:  # a concurrent writer won the key
        raced = await stored_outcome(session, entry.answer_key, entry.request_id)
        if raced is None:
            raise RuntimeError(f"answer key {entry.answer_key!r} conflicted but cannot be read")
        return raced
    await add_credit(session, entry.guild_id, entry.user_id, credit, points=entry.points, correct=entry.correct)
    stored = change.after if change is not None else review
    if isinstance(stored, ReviewState):
        await put_review(session, stored)
    return AnswerOutcome(Recorded.NEW, entry.correct, entry.points, change)


class AnswerRepository(Repository):
    async def record(
        self, entry: AnswerEntry, review: ReviewState | ReviewStep | None = None, member_name: str | None = None
    ) -> AnswerOutcome:
        """Log one quiz or review answer and the member's new review state, in one transaction, once per key; with
        `member_name` the member is recorded (or their name refreshed) in it too.

        Daily answers go through DailyPostRepository.record_answer.
        """

        async def work(session: AsyncSession) -> AnswerOutcome:
            if member_name is not None:
                await see_member(session, entry.guild_id, entry.user_id, member_name)
            return await log_answer(session, entry, review)

        return await self._db.run(work)
