"""A member's exam readiness (`bot.exam.readiness`) from their full mocks and their mastery of each domain, and the
weak-spot drill built on it."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from fsrs import Card

from bot.exam.domain_mastery import domain_mastery
from bot.exam.domains import ExamDomains
from bot.exam.drill import pick_drill
from bot.exam.mock import MAX_QUESTIONS, assemble_mock
from bot.exam.readiness import MOCKS_IN_A_ROW, STAGES, Readiness, readiness
from bot.exam.schedule import LoadAdvice, daily_load, what_to_drop
from bot.pictures import DomainBar, ReadinessData
from bot.quiz.item import QuizItem
from bot.quiz.review_store import MemberKey, ReviewState
from bot.quiz.scheduling import ReviewScheduler
from bot.service.exam_domains import DomainsOf
from bot.service.library import NotesLibrary
from bot.service.mocks import Mocks
from bot.service.notes import NotesBundle
from bot.service.types import ExamPlan, Who

MOCKS_READ = 4 * MOCKS_IN_A_ROW  # latest submitted mocks read to find the full ones
WEAK_DOMAINS = 2  # a drill's domains: the two furthest below their target
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class ExamReadiness:
    """Readiness and drills for members over the server's quiz items."""

    def __init__(self, mocks: Mocks, scheduler: ReviewScheduler, notes: NotesLibrary, domains: DomainsOf) -> None:
        self.mocks = mocks
        self.scheduler = scheduler
        self.notes = notes  # each server's notes: its quiz items and exam
        self.domains = domains  # each server's exam domains, with its managers' moves

    async def of(self, who: Who) -> Readiness:
        """The member's stage by the rule, their mastery per domain and the full mocks counted."""
        notes = await self.notes.bundle_for(who.guild_id)
        return await self._of(who, notes, await self.domains(who.guild_id))

    async def _of(self, who: Who, notes: NotesBundle, domains: ExamDomains) -> Readiness:
        reports = await self.mocks.recent_reports(who, MOCKS_READ)
        length = full_length(notes, domains)
        full = [r.marking for r in reports if r.marking.total >= length]
        member = MemberKey(who.guild_id, who.user_id)
        topics = await self.scheduler.mastery(member, list(notes.prompts.values()))
        return readiness(full, domain_mastery(domains, topics))

    async def load(self, who: Who, plan: ExamPlan) -> LoadAdvice | None:
        """The coming week's reviews against the minutes a day the member said they can study (None: they said
        none), with what to drop when over."""
        if plan.own is None or plan.own.daily_minutes is None:
            return None
        member = MemberKey(who.guild_id, who.user_id)
        notes = await self.notes.bundle_for(who.guild_id)
        domains = await self.domains(who.guild_id)
        prompts = notes.prompts
        dues = [
            (s.due, domain)
            for s in await self.scheduler.store.states(member)
            if not s.leech and s.prompt_id in prompts and (domain := domains.domain_of(prompts[s.prompt_id]))
        ]
        mastery = {d.domain: d.mastery for d in (await self._of(who, notes, domains)).domains}
        return what_to_drop(daily_load(dues, plan.today), mastery, plan.own.daily_minutes)

    async def drill(self, who: Who, length: int, set_aside: Collection[str]) -> list[QuizItem]:
        """Up to `length` items: recent misses (latest first), the weakest domains' items the member knows least
        (never answered first, best items first), leeches; none of `set_aside` (suspended in the server)."""
        member = MemberKey(who.guild_id, who.user_id)
        notes = await self.notes.bundle_for(who.guild_id)
        domains = await self.domains(who.guild_id)
        states = {s.prompt_id: s for s in await self.scheduler.store.states(member) if s.prompt_id in notes.prompts}
        usable = {i: p for i, p in notes.prompts.items() if i not in set_aside}
        misses = sorted(
            (s for s in states.values() if s.last_correct is False and not s.leech and s.prompt_id in usable),
            key=_last_review,
            reverse=True,
        )
        leeches = sorted((s for s in states.values() if s.leech and s.prompt_id in usable), key=lambda s: -s.lapses)
        weakest = set((await self._of(who, notes, domains)).weakest(WEAK_DOMAINS))
        weak = [p for p in usable.values() if domains.domain_of(p) in weakest]
        weak.sort(key=lambda p: (p.id in states, _stability(states.get(p.id)), -p.quality, p.id))
        return pick_drill([usable[s.prompt_id] for s in misses], weak, [usable[s.prompt_id] for s in leeches], length)


def full_length(notes: NotesBundle, domains: ExamDomains) -> int:
    """The questions a full mock has over the notes' items and `domains`: as many as the exam, or as the items
    allow."""
    possible = len(assemble_mock(notes.prompts.values(), domains, MAX_QUESTIONS, 1, "size").questions)
    return max(1, min(notes.profile.exam.questions, possible))


def _last_review(state: ReviewState) -> datetime:
    return Card.from_json(state.card_json).last_review or _EPOCH


def _stability(state: ReviewState | None) -> float:
    return 0.0 if state is None else Card.from_json(state.card_json).stability or 0.0


def readiness_data(name: str, ready: Readiness) -> ReadinessData:
    """The picture's data for a member's readiness."""
    bars = tuple(DomainBar(d.domain, d.mastery, d.target, d.last_mock) for d in ready.domains)
    return ReadinessData(name, STAGES, ready.stage, bars, ready.full_mocks)
