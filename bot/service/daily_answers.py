"""Daily answers written in batches (group commit): a server answering its daily quiz at once shares a few
transactions instead of two per member.

While one batch is written, the answers arriving meanwhile wait for the next (at most `DAILY_BATCH`): a lone answer
is written at once, a rush of 10,000 in a few dozen batches. Each batch is the exam days of its members (one read,
for exam-aware reviews), then one transaction per post (`DailyPostRepository.record_answers`). A batch that fails
for a reason other than the database being unavailable (a bug, bad data) is written again one answer at a time,
so one bad answer cannot lose the others'.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.errors import NotAllowed, NotFound, TutorbotError
from bot.quiz.item import QuizItem
from bot.quiz.review_store import MemberKey
from bot.service.batching import GroupCommit
from bot.service.daily import DAILY_CLOSED, DAILY_GONE
from bot.service.exam_reviews import ExamAwareReviews
from bot.storage import Repositories
from bot.storage.answers import AnswerOutcome, ReviewStep
from bot.storage.daily import DailyPostGone
from bot.storage.daily_answers import DailyAnswer, DailyPostClosed

log = logging.getLogger(__name__)

DAILY_BATCH = 500  # answers per transaction: a few statements of at most 1,500 rows each
PARALLEL_BATCHES = 4  # on PostgreSQL (its pool holds 5 connections before overflowing)


@dataclass(frozen=True)
class PostAnswer:
    """A graded answer to a daily post, to record with the review it makes of the post's prompt."""

    guild_id: int
    post_id: int
    prompt: QuizItem
    answer: DailyAnswer  # without its review step: the batch reads the members' exam days and adds it


class DailyAnswerWriter:
    """Records graded daily answers in batches; `record` gives each its own outcome (or raises its error)."""

    def __init__(self, repos: Repositories, exam_reviews: ExamAwareReviews, dialect: str) -> None:
        self.repos = repos
        self.exam_reviews = exam_reviews
        # SQLite writes one transaction at a time; PostgreSQL overlaps a few batches' round trips.
        parallel = PARALLEL_BATCHES if dialect == "postgresql" else 1
        self._batches: GroupCommit[PostAnswer, AnswerOutcome] = GroupCommit(
            self._write, limit=DAILY_BATCH, parallel=parallel
        )

    async def record(self, answer: PostAnswer) -> AnswerOutcome:
        """The answer's outcome (NotAllowed: the post was revealed; NotFound: it is gone; StorageUnavailable)."""
        return await self._batches.submit(answer)

    async def _write(self, batch: Sequence[PostAnswer]) -> list[AnswerOutcome | Exception]:
        results: dict[int, AnswerOutcome | Exception] = {}
        for post_id in dict.fromkeys(a.post_id for a in batch):
            indexes = [i for i, a in enumerate(batch) if a.post_id == post_id]
            outcomes: Sequence[AnswerOutcome | Exception]
            try:
                outcomes = await self._write_post([batch[i] for i in indexes])
            except TutorbotError as error:  # unavailable, full, the post gone: the same for every answer
                outcomes = [error] * len(indexes)
            except Exception:
                log.exception("a batch of %d daily answers failed; writing them one by one", len(indexes))
                outcomes = [await self._write_alone(batch[i]) for i in indexes]
            for i, outcome in zip(indexes, outcomes, strict=True):
                results[i] = outcome
        return [results[i] for i in range(len(batch))]

    async def _write_alone(self, answer: PostAnswer) -> AnswerOutcome | Exception:
        try:
            [outcome] = await self._write_post([answer])
        except Exception as error:
            return error
        return outcome

    async def _write_post(self, answers: Sequence[PostAnswer]) -> list[AnswerOutcome | NotAllowed]:
        """One post's answers: their members' exam plans read at once, then one transaction."""
        guild_id, prompt = answers[0].guild_id, answers[0].prompt
        plans = await self.exam_reviews.plans_for(guild_id, {a.answer.user_id: a.answer.answered_at for a in answers})
        steps = []
        for a in answers:
            member = MemberKey(guild_id, a.answer.user_id)
            step = self.exam_reviews.step(member, prompt, a.answer.correct, plans[a.answer.user_id])
            steps.append(replace(a.answer, review=ReviewStep(member, prompt.id, step)))
        try:
            outcomes = await self.repos.daily.record_answers(answers[0].post_id, steps)
        except DailyPostGone:
            raise NotFound(DAILY_GONE) from None
        return [NotAllowed(DAILY_CLOSED) if isinstance(o, DailyPostClosed) else o for o in outcomes]
