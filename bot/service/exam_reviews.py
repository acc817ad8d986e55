"""Reviews that know the member's exam day (`bot.exam.schedule`): the retention rises as it nears, and every item
reviewed before the final week comes back within it. Without an exam day, plain FSRS.

`plan_for` reads the exam day once (one query) before a review (`plans_for`: many members' at once); the plan's
`retention` goes to FSRS and its `bend` is a pure step on the next state, so it also fits inside a transaction that
computes the state there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from bot.exam.schedule import final_review_due, retention_for, with_due
from bot.quiz.item import QuizItem
from bot.quiz.review_store import MemberKey, ReviewState
from bot.quiz.scheduling import ReviewScheduler, as_utc
from bot.storage import Repositories


@dataclass(frozen=True)
class ExamPlanForReview:
    """The member's exam day (None: none coming) at the moment `now` of a review."""

    exam_day: date | None
    now: datetime

    @property
    def retention(self) -> float | None:
        """The FSRS target retention (None: the scheduler's own)."""
        return None if self.exam_day is None else retention_for((self.exam_day - self.now.date()).days)

    def bend(self, state: ReviewState) -> ReviewState:
        """The next state with its due brought into the final week when the rule asks (unchanged without an exam)."""
        if self.exam_day is None:
            return state
        due = final_review_due(state.due, state.prompt_id, self.now, self.exam_day)
        return state if due == state.due else replace(state, due=due, card_json=with_due(state.card_json, due))


class ExamAwareReviews:
    """`review` and `record` as `ReviewScheduler`'s, bent towards the member's exam (their own, else their study
    groups' soonest coming one)."""

    def __init__(self, scheduler: ReviewScheduler, repos: Repositories) -> None:
        self.scheduler = scheduler
        self.repos = repos

    async def plan_for(self, member: MemberKey, now: datetime) -> ExamPlanForReview:
        return (await self.plans_for(member.guild_id, {member.user_id: now}))[member.user_id]

    async def plans_for(self, guild_id: int, moments: Mapping[int, datetime]) -> dict[int, ExamPlanForReview]:
        """Each member's plan at the moment of their review (user id → moment), from one read of exam days."""
        days = await self.repos.exams.exam_days(guild_id, list(moments))
        plans = {}
        for user_id, moment in moments.items():
            now = as_utc(moment)
            own, groups = days.get(user_id, (None, []))
            coming = [day for day in groups if day >= now.date()]
            exam_day = own if own is not None else min(coming, default=None)
            plans[user_id] = ExamPlanForReview(
                exam_day if exam_day is not None and exam_day >= now.date() else None, now
            )
        return plans

    async def review(self, member: MemberKey, prompt: QuizItem, correct: bool, now: datetime) -> ReviewState:
        """The member's next state for `prompt`, not yet stored."""
        plan = await self.plan_for(member, now)
        return plan.bend(await self.scheduler.review(member, prompt, correct, plan.now, plan.retention))

    async def next_state(
        self, member: MemberKey, prompt: QuizItem, correct: bool, now: datetime
    ) -> Callable[[ReviewState | None], ReviewState]:
        """`review` as a pure function of the state stored (the member's exam read now): for an answer's own
        transaction to compute from the state it reads (`bot.storage.answers.ReviewStep`)."""
        return self.step(member, prompt, correct, await self.plan_for(member, now))

    def step(
        self, member: MemberKey, prompt: QuizItem, correct: bool, plan: ExamPlanForReview
    ) -> Callable[[ReviewState | None], ReviewState]:
        """`next_state` under a plan read already (`plans_for`)."""
        return lambda before: plan.bend(
            self.scheduler.next_state(member, prompt, before, correct, plan.now, plan.retention)
        )

    async def record(self, member: MemberKey, prompt: QuizItem, correct: bool, now: datetime) -> ReviewState:
        """Review and store."""
        state = await self.review(member, prompt, correct, now)
        await self.scheduler.store.put(state)
        return state
