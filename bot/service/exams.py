"""Exam days and outcomes: a member's own day, a study group's (set by its owner), results reported afterwards."""

from __future__ import annotations

from datetime import date

from bot.clock import Clock
from bot.errors import InvalidInput, NotFound
from bot.exam.dates import countdown_words, exam_name, parse_exam_date
from bot.progress.groups import ensure_can_manage
from bot.service.types import ExamPlan, Who
from bot.storage import ExamCountdownRow, ExamDate, ExamResult, Repositories
from bot.timezones import time_zone

MAX_DAILY_MINUTES = 24 * 60
MAX_SCORE = 1000  # the scaled scores exams report (e.g. 720 of 1000 to pass), or a percentage
OUTCOMES = {"passed": True, "failed": False}


class Exams:
    """Set, show and clear exam days for members and study groups; record results."""

    def __init__(self, repos: Repositories, clock: Clock) -> None:
        self.repos = repos
        self.clock = clock

    async def local_today(self, who: Who) -> date:
        """The member's own date now (their zone, else the server's)."""
        member = await self.repos.members.get(who.guild_id, who.user_id)
        zone = member.time_zone if member and member.time_zone else None
        zone = zone or (await self.repos.settings.get(who.guild_id)).time_zone
        return self.clock.now().astimezone(time_zone(zone)).date()

    async def plan(self, who: Who) -> ExamPlan:
        """The member's own exam day and their study groups' days, with their local today."""
        own, groups = await self.repos.exams.of_member(who.guild_id, who.user_id)
        return ExamPlan(own, tuple(groups), await self.local_today(who))

    async def set(
        self, who: Who, when: str, name: str | None = None, group: str | None = None, daily_minutes: int | None = None
    ) -> ExamPlan:
        """Set the member's exam day, or (`group`) a study group's: only its owner or a server manager may.

        InvalidInput for a date that cannot be read, has passed or is over two years away, a name over 100
        characters, or minutes a day outside 1..1440; NotFound for an unknown group; NotAllowed for a group the
        member does not own.
        """
        day = parse_exam_date(when, await self.local_today(who))
        name = exam_name(name)
        now = self.clock.now()
        if group is not None:
            if daily_minutes is not None:
                raise InvalidInput("Minutes a day are each member's own: set them with your own exam date.")
            found = await self.repos.groups.get(who.guild_id, group)
            ensure_can_manage(who.user_id, found.owner_id, is_manager=who.is_manager)
            await self.repos.exams.set_group(found.id, day, name, who.user_id, now)
        else:
            if daily_minutes is not None and not 1 <= daily_minutes <= MAX_DAILY_MINUTES:
                raise InvalidInput(f"Minutes a day are a whole number from 1 to {MAX_DAILY_MINUTES}.")
            await self.repos.members.upsert(who.guild_id, who.user_id, who.name)
            await self.repos.exams.set_member(who.guild_id, who.user_id, day, name, daily_minutes, now)
        return await self.plan(who)

    async def clear(self, who: Who, group: str | None = None) -> ExamPlan:
        """Forget the member's exam day, or a study group's (its owner or a manager); NotFound when none was set."""
        if group is not None:
            found = await self.repos.groups.get(who.guild_id, group)
            ensure_can_manage(who.user_id, found.owner_id, is_manager=who.is_manager)
            cleared = await self.repos.exams.clear_group(found.id)
        else:
            cleared = await self.repos.exams.clear_member(who.guild_id, who.user_id)
        if not cleared:
            raise NotFound("No exam date was set" + (f" for {group.strip()!r}." if group else " for you."))
        return await self.plan(who)

    async def record_result(self, who: Who, outcome: str, score: int | None, stage: str | None) -> ExamResult:
        """Record the member's exam outcome (`passed` or `failed`, an optional score 0..1000) against the exam
        they follow and the readiness `stage` they are at now. InvalidInput for another outcome or score."""
        if outcome not in OUTCOMES:
            raise InvalidInput("Say whether you passed or failed: /exam result passed, or /exam result failed.")
        if score is not None and not 0 <= score <= MAX_SCORE:
            raise InvalidInput(f"A score is a whole number from 0 to {MAX_SCORE}.")
        followed = (await self.plan(who)).followed
        result = ExamResult(
            who.user_id,
            followed.exam_on if followed else None,
            followed.name if followed else None,
            OUTCOMES[outcome],
            score,
            stage,
            self.clock.now(),
        )
        await self.repos.members.upsert(who.guild_id, who.user_id, who.name)
        await self.repos.exams.record_result(who.guild_id, who.user_id, result)
        return result

    async def countdowns(self, guild_id: int, day: date) -> list[ExamCountdownRow]:
        """The server's exam days on or after `day`, soonest first, for its daily post."""
        return await self.repos.exams.upcoming(guild_id, day)


def exam_label(exam: ExamDate) -> str:
    """'DVA-C02 on Sunday 14 March 2027' (or 'the exam on ...'), plain text."""
    return f"{exam.name or 'the exam'} on {exam.exam_on:%A %d %B %Y}"


def countdown_line(plan: ExamPlan) -> str | None:
    """The followed exam and its countdown ('DVA-C02 on ... (in 12 days)'), or None without one."""
    followed, days = plan.followed, plan.days_left()
    if followed is None or days is None:
        return None
    whose = f" (study group {followed.group})" if followed.group else ""
    return f"{exam_label(followed)}{whose}: {countdown_words(days)}"


def plan_lines(plan: ExamPlan) -> list[str]:
    """Every exam day the member has, one line each, plain text (their own first)."""
    lines = []
    if plan.own is not None:
        minutes = f", {plan.own.daily_minutes} minutes a day" if plan.own.daily_minutes else ""
        days = countdown_words((plan.own.exam_on - plan.today).days)
        lines.append(f"Yours: {exam_label(plan.own)} ({days}{minutes})")
    for exam in plan.groups:
        days = countdown_words((exam.exam_on - plan.today).days)
        lines.append(f"Study group {exam.group}: {exam_label(exam)} ({days})")
    if plan.load is not None and plan.load.over:
        lines.append(
            f"Your reviews need up to {plan.load.peak_minutes} minutes a day this week; you said "
            f"{plan.load.daily_minutes}. Drop: " + "; ".join(plan.load.drop) + "."
        )
    elif plan.load is not None:
        lines.append(
            f"Reviews this week: up to {plan.load.peak_minutes} minutes a day, within your {plan.load.daily_minutes}."
        )
    return lines
