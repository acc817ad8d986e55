"""Timed mock exams for a member, and study groups' mock nights, kept in the database as they are answered.

A mock is assembled by `bot.exam.mock.assemble_mock` (never the member's last mock again while other items are
left), its questions stored as asked (a notes rebuild cannot change them), every answer, flag and move stored at
once: a restart loses nothing. A mock past its deadline is submitted as it stands, by whichever comes first: the
bot's loop (`overdue`) or the member's next click. Submitting marks it and records each answered question as a
review of that item for the member (no points: a mock is practice under exam conditions, not a quiz round).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Collection
from dataclasses import replace
from datetime import timedelta

from bot.clock import Clock
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.exam.marking import is_right, mark
from bot.exam.mock import MockExam, MockQuestion, assemble_mock, minutes_for
from bot.progress.groups import ensure_can_manage
from bot.quiz.item import QuizItem
from bot.quiz.review_store import MemberKey
from bot.service.exam_domains import DomainsOf
from bot.service.exam_reviews import ExamAwareReviews
from bot.service.library import NotesLibrary
from bot.service.types import MockNight, MockReport, MockSession, NightResults, Who
from bot.storage import MockNightRecord, MockRecord, Repositories

MAX_MOCK_QUESTIONS = 200
MAX_MOCK_MINUTES = 600
MAX_NIGHT_HOURS = 72
NIGHT_RESULTS_LEASE = timedelta(minutes=2)
NOT_YOURS = "That mock exam is not yours; start your own with /mock start."
NO_ITEMS = "The notes have no questions answered by picking (multiple choice, comparison, true/false) in any domain."

Pool = Callable[[int], Awaitable[list[QuizItem]]]  # a server's usable quiz items (suspended ones left out)


def questions_json(mock: MockExam) -> str:
    return json.dumps([{"domain": q.domain, "prompt": q.item.as_dict()} for q in mock.questions], ensure_ascii=False)


def questions_of(stored: str) -> tuple[MockQuestion, ...]:
    return tuple(MockQuestion(QuizItem.from_dict(q["prompt"]), q["domain"]) for q in json.loads(stored))


RESUMED = "Resumed the mock exam you have open."  # what a member is told when `start` shows their open mock


def session_of(record: MockRecord, resumed: bool = False) -> MockSession:
    return MockSession(
        record.id,
        questions_of(record.questions_json),
        record.answers,
        record.flags,
        record.position,
        record.started_at,
        record.deadline,
        record.submitted_at,
        record.night_id,
        resumed,
    )


class Mocks:
    """Start, answer, flag, move through, submit and report mock exams; open and close mock nights."""

    def __init__(
        self,
        repos: Repositories,
        clock: Clock,
        reviews: ExamAwareReviews,
        notes: NotesLibrary,
        domains: DomainsOf,
        pool: Pool,
    ) -> None:
        """Mocks over each server's notes (`notes`: their exam's length and pace), its exam domains with its
        managers' moves (`domains`) and its usable items (`pool`)."""
        self.repos = repos
        self.clock = clock
        self.reviews = reviews
        self.notes = notes
        self.domains = domains
        self.pool = pool

    # -- a member's mock ---------------------------------------------------------------------------------------
    async def start(self, who: Who, questions: int | None = None, minutes: int | None = None) -> MockSession:
        """The member's open mock (resumed), else a new one of `questions` (default: the exam's) in `minutes`
        (default: the exam's pace). InvalidInput for sizes out of range or notes with nothing to ask."""
        count = await self._exam_length(who.guild_id) if questions is None else questions
        if not 1 <= count <= MAX_MOCK_QUESTIONS:
            raise InvalidInput(f"A mock exam has 1 to {MAX_MOCK_QUESTIONS} questions.")
        if minutes is not None and not 1 <= minutes <= MAX_MOCK_MINUTES:
            raise InvalidInput(f"A mock exam lasts 1 to {MAX_MOCK_MINUTES} minutes.")
        open_mock = await self.repos.mocks.open_of(who.guild_id, who.user_id)
        if open_mock is not None:
            if open_mock.deadline > self.clock.now():
                return session_of(open_mock, resumed=True)
            await self._submit(open_mock, auto=True)
        await self.repos.members.upsert(who.guild_id, who.user_id, who.name)
        last = await self.repos.mocks.submitted(who.guild_id, who.user_id, limit=1)
        avoid = {q.item.id for q in questions_of(last[0].questions_json)} if last else set()
        now = self.clock.now()
        mock = await self._assemble(
            who.guild_id, count, minutes, f"{who.guild_id}:{who.user_id}:{now.isoformat()}", avoid
        )
        record = await self.repos.mocks.create(
            who.guild_id,
            who.user_id,
            questions_json(mock),
            len(mock.questions),
            now,
            now + timedelta(minutes=mock.minutes),
        )
        return session_of(record)

    async def session(self, who: Who, mock_id: int) -> MockSession:
        """The member's mock; one past its deadline is submitted first. NotFound for another's or none."""
        return session_of(await self._current(who, mock_id))

    async def choose(self, who: Who, mock_id: int, index: int, choice: int) -> MockSession:
        """Answer (or change the answer to) question `index` with choice `choice`, then show the next question.
        A submitted mock comes back unchanged (the front end shows its report)."""
        record = await self._current(who, mock_id)
        question = _question(record, index)
        if not 0 <= choice < len(question.choices):
            raise NotFound("That choice is not one of the question's; pick again.")
        following = min(index + 1, record.total - 1)
        return await self._edit(record, lambda r: replace(r, answers={**r.answers, index: choice}, position=following))

    async def flag(self, who: Who, mock_id: int, index: int) -> MockSession:
        """Flag question `index` for review, or unflag it."""
        record = await self._current(who, mock_id)
        _question(record, index)
        return await self._edit(record, lambda r: replace(r, flags=r.flags ^ {index}, position=index))

    async def move(self, who: Who, mock_id: int, index: int) -> MockSession:
        """Show question `index` next (kept for a resume)."""
        record = await self._current(who, mock_id)
        _question(record, index)
        return await self._edit(record, lambda r: replace(r, position=index))

    async def submit(self, who: Who, mock_id: int) -> MockReport:
        """Submit the mock (or, when it was submitted already, its report)."""
        record = await self._current(who, mock_id)
        return await self._submit(record, auto=False) if record.submitted_at is None else await self._report(record)

    async def last_report(self, who: Who) -> MockReport:
        """The report of the member's latest submitted mock; NotFound when they never submitted one."""
        open_mock = await self.repos.mocks.open_of(who.guild_id, who.user_id)
        if open_mock is not None and open_mock.deadline <= self.clock.now():
            await self._submit(open_mock, auto=True)
        latest = await self.repos.mocks.submitted(who.guild_id, who.user_id, limit=1)
        if not latest:
            raise NotFound("You have not finished a mock exam yet; start one with /mock start.")
        return await self._report(latest[0])

    async def recent_reports(self, who: Who, limit: int) -> list[MockReport]:
        """The member's latest submitted mocks marked, latest first."""
        return [await self._report(r) for r in await self.repos.mocks.submitted(who.guild_id, who.user_id, limit)]

    # -- the loop ----------------------------------------------------------------------------------------------
    async def overdue(self, guild_ids: Collection[int] | None = None) -> list[MockReport]:
        """Submit every open mock past its deadline; the reports of auto-submitted mocks (not of a mock night, whose
        results are posted together) not yet sent to their member: send each, then `reported`."""
        ids = None if guild_ids is None else list(guild_ids)
        for record in await self.repos.mocks.overdue(self.clock.now(), ids):
            await self._submit(record, auto=True)
        return [await self._report(r) for r in await self.repos.mocks.unreported(ids)]

    async def reported(self, mock_id: int) -> None:
        await self.repos.mocks.mark_reported(mock_id, self.clock.now())

    # -- mock nights -------------------------------------------------------------------------------------------
    async def open_night(
        self, who: Who, group: str, channel_id: int, questions: int | None, minutes: int | None, hours: int
    ) -> MockNight:
        """A mock night for a study group (its owner or a manager): one mock for all, open `hours` from now."""
        found = await self.repos.groups.get(who.guild_id, group)
        ensure_can_manage(who.user_id, found.owner_id, is_manager=who.is_manager)
        if not 1 <= hours <= MAX_NIGHT_HOURS:
            raise InvalidInput(f"A mock night stays open 1 to {MAX_NIGHT_HOURS} hours.")
        count = await self._exam_length(who.guild_id) if questions is None else questions
        if not 1 <= count <= MAX_MOCK_QUESTIONS:
            raise InvalidInput(f"A mock exam has 1 to {MAX_MOCK_QUESTIONS} questions.")
        if minutes is not None and not 1 <= minutes <= MAX_MOCK_MINUTES:
            raise InvalidInput(f"A mock exam lasts 1 to {MAX_MOCK_MINUTES} minutes.")
        now = self.clock.now()
        mock = await self._assemble(who.guild_id, count, minutes, f"night:{found.id}:{now.isoformat()}", set())
        night = await self.repos.mocks.create_night(
            who.guild_id,
            found.id,
            channel_id,
            questions_json(mock),
            mock.minutes,
            now,
            now + timedelta(hours=hours),
            who.user_id,
        )
        return _night(night)

    async def join_night(self, who: Who, night_id: int) -> MockSession:
        """The member's attempt at a mock night (their existing one, resumed); only the group's members, only while
        it is open. The attempt ends at the mock's time or when the night closes, whichever is first."""
        night = await self.repos.mocks.night(night_id)
        if night is None or night.guild_id != who.guild_id:
            raise NotFound("That mock night no longer exists.")
        now = self.clock.now()
        groups = await self.repos.groups.list_groups(who.guild_id, member_id=who.user_id)
        if all(g.id != night.group_id for g in groups):
            raise NotAllowed(f"This mock night is for the study group {night.group_name!r}; join it first.")
        if now >= night.closes_at:
            raise NotAllowed("This mock night has closed; its results are posted in the channel.")
        await self.repos.members.upsert(who.guild_id, who.user_id, who.name)
        total = len(json.loads(night.questions_json))
        deadline = min(now + timedelta(minutes=night.minutes), night.closes_at)
        record = await self.repos.mocks.create(
            who.guild_id, who.user_id, night.questions_json, total, now, deadline, night_id
        )
        return session_of(record, resumed=record.started_at != now)

    async def nights_to_close(self, guild_ids: Collection[int] | None = None) -> list[NightResults]:
        """Closed nights whose results nobody posted, each claimed: attempts still open are submitted, then the
        results (best first). Post them, then `night_posted`."""
        now = self.clock.now()
        closed = []
        for night in await self.repos.mocks.nights_to_close(now, None if guild_ids is None else list(guild_ids)):
            if not await self.repos.mocks.claim_night(night.id, now, now + NIGHT_RESULTS_LEASE):
                continue
            reports = []
            for record, name in await self.repos.mocks.attempts(night.id):
                closing = self._submit(record, auto=True) if record.submitted_at is None else self._report(record)
                reports.append((name, await closing))
            reports.sort(key=lambda pair: (-pair[1].marking.share, pair[1].time_used, pair[0].casefold()))
            closed.append(NightResults(_night(night), tuple(reports)))
        return closed

    async def night_posted(self, night_id: int) -> None:
        await self.repos.mocks.night_posted(night_id, self.clock.now())

    # -- parts -------------------------------------------------------------------------------------------------
    async def _assemble(self, guild_id: int, count: int, minutes: int | None, seed: str, avoid: set[str]) -> MockExam:
        items = await self.pool(guild_id)
        domains = await self.domains(guild_id)
        pace = minutes or minutes_for(count, (await self.notes.bundle_for(guild_id)).profile.exam)
        mock = assemble_mock(items, domains, count, pace, seed, avoid)
        if not mock.questions:
            raise NotFound(NO_ITEMS)
        return mock

    async def _current(self, who: Who, mock_id: int) -> MockRecord:
        record = await self.repos.mocks.get(mock_id)
        if record is None or (record.guild_id, record.user_id) != (who.guild_id, who.user_id):
            raise NotFound(NOT_YOURS)
        if record.submitted_at is None and record.deadline <= self.clock.now():
            await self._submit(record, auto=True)
            return await self._reload(mock_id)
        return record

    async def _reload(self, mock_id: int) -> MockRecord:
        record = await self.repos.mocks.get(mock_id)
        assert record is not None
        return record

    async def _edit(self, record: MockRecord, edit: Callable[[MockRecord], MockRecord]) -> MockSession:
        edited = await self.repos.mocks.change(record.id, edit)
        return session_of(edited if edited is not None else await self._reload(record.id))

    async def _submit(self, record: MockRecord, *, auto: bool) -> MockReport:
        """Mark and close the mock at the deadline (auto) or now, and review each answered item for the member."""
        questions = questions_of(record.questions_json)
        marking = mark(questions, record.answers, await self._domain_order(record.guild_id))
        at = min(self.clock.now(), record.deadline) if auto else self.clock.now()
        submitted = await self.repos.mocks.submit(record.id, marking.correct, at, auto=auto)
        if submitted is None:  # submitted meanwhile by another caller: theirs stands
            return await self._report(await self._reload(record.id))
        member = MemberKey(record.guild_id, record.user_id)
        for index, choice in sorted(record.answers.items()):
            question = questions[index]
            await self.reviews.record(member, question.item, is_right(question, choice), at)
        return await self._report(submitted)

    async def _exam_length(self, guild_id: int) -> int:
        return (await self.notes.bundle_for(guild_id)).profile.exam.questions

    async def _domain_order(self, guild_id: int) -> list[str]:
        """The server's exam domains in the order reports list them: its notes' own (a manager's moves change which
        sections a domain has, never the domains or their order, so no moves are read)."""
        return list((await self.notes.bundle_for(guild_id)).exam_domains.weights)

    async def _report(self, record: MockRecord) -> MockReport:
        session = session_of(record)
        assert record.submitted_at is not None
        marking = mark(session.questions, record.answers, await self._domain_order(record.guild_id))
        return MockReport(
            session,
            marking,
            record.submitted_at - record.started_at,
            record.auto_submitted,
            record.user_id,
            record.guild_id,
        )


def _question(record: MockRecord, index: int) -> MockQuestion:
    if not 0 <= index < record.total:
        raise NotFound("That question is not part of this mock exam.")
    return questions_of(record.questions_json)[index]


def _night(record: MockNightRecord) -> MockNight:
    return MockNight(
        record.id,
        record.group_name,
        record.channel_id,
        len(json.loads(record.questions_json)),
        record.minutes,
        record.closes_at,
    )
