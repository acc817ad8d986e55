"""A member's statistics (/stats, the terminal's /stats): streak, points, answers, reviews due, topic mastery and
the exam they follow, read together for one card."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.clock import Clock
from bot.progress.streaks import compute_streak
from bot.quiz.mastery import study_next
from bot.quiz.review_store import MemberKey
from bot.quiz.scheduling import ReviewScheduler
from bot.service.boards import Boards
from bot.service.exams import Exams
from bot.service.library import NotesLibrary
from bot.service.types import MemberStats, Who


class MemberStatistics:
    """Reads a member's statistics in their server: its notes (for mastery and due reviews), the questions
    suspended there (`suspended`: the server's id → their ids), their study days and totals, their exam days."""

    def __init__(
        self,
        boards: Boards,
        scheduler: ReviewScheduler,
        notes: NotesLibrary,
        exams: Exams,
        suspended: Callable[[int], Awaitable[set[str]]],
        clock: Clock,
    ) -> None:
        self.boards = boards
        self.scheduler = scheduler
        self.notes = notes
        self.exams = exams
        self.suspended = suspended
        self.clock = clock

    async def of(self, who: Who) -> MemberStats:
        now = self.clock.now()
        days, today = await self.boards.study_days(who)
        totals = await self.boards.total(who)
        key = MemberKey(who.guild_id, who.user_id)
        notes = await self.notes.bundle_for(who.guild_id)
        mastery = await self.scheduler.mastery(key, notes.in_notes_order())
        suspended = await self.suspended(who.guild_id)
        exam = await self.exams.plan(who)
        return MemberStats(
            name=who.name,
            streak=compute_streak(days, today),
            points=totals.points,
            answered=totals.answered,
            correct=totals.correct,
            reviews_due=len(await self.scheduler.due(key, notes.prompts, now, set_aside=suspended)),
            today=today,
            answers_by_day=days,
            mastery=mastery,
            study_next=study_next(mastery),
            exam=exam if exam.followed else None,
        )
