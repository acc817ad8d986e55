"""Mock exams (answers and flags kept as they are given, so a restart loses nothing) and study groups' mock nights."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Select, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import MemberRow, MockExamRow, MockNightRow, StudyGroupRow
from bot.storage.records import MockNightRecord, MockRecord
from bot.storage.sql import affected, insert_or_nothing

OVERDUE_BATCH = 200  # mocks auto-submitted per call


def _record(row: MockExamRow) -> MockRecord:
    return MockRecord(
        row.id,
        row.guild_id,
        row.user_id,
        row.night_id,
        row.questions_json,
        {int(k): int(v) for k, v in json.loads(row.answers_json).items()},
        frozenset(int(i) for i in json.loads(row.flags_json)),
        row.position,
        row.started_at,
        row.deadline,
        row.submitted_at,
        row.auto_submitted,
        row.correct,
        row.total,
        row.reported_at,
    )


def _night(row: MockNightRow, group_name: str) -> MockNightRecord:
    return MockNightRecord(
        row.id,
        row.guild_id,
        row.group_id,
        row.channel_id,
        row.questions_json,
        row.minutes,
        row.opens_at,
        row.closes_at,
        row.created_by,
        row.results_posted_at,
        group_name,
    )


def _with_group_name() -> Select[MockNightRow, str]:
    return select(MockNightRow, StudyGroupRow.name).join(StudyGroupRow, StudyGroupRow.id == MockNightRow.group_id)


class MockRepository(Repository):
    """Start, change, submit and find mock exams; open and close mock nights."""

    async def create(
        self,
        guild_id: int,
        user_id: int,
        questions_json: str,
        total: int,
        started_at: datetime,
        deadline: datetime,
        night_id: int | None = None,
    ) -> MockRecord:
        """A new mock; for a mock night, the member's one attempt (the existing one when they started already)."""
        values = {
            "guild_id": guild_id,
            "user_id": user_id,
            "night_id": night_id,
            "questions_json": questions_json,
            "answers_json": "{}",
            "flags_json": "[]",
            "position": 0,
            "started_at": started_at,
            "deadline": deadline,
            "auto_submitted": False,
            "total": total,
        }

        async def work(session: AsyncSession) -> MockRecord:
            inserted = await insert_or_nothing(session, MockExamRow, values)
            if inserted is not None:
                return _record(await session.get_one(MockExamRow, inserted.id))
            query = select(MockExamRow).where(MockExamRow.night_id == night_id, MockExamRow.user_id == user_id)
            return _record((await session.scalars(query)).one())

        return await self._db.run(work)

    async def get(self, mock_id: int) -> MockRecord | None:
        async def work(session: AsyncSession) -> MockRecord | None:
            row = await session.get(MockExamRow, mock_id)
            return None if row is None else _record(row)

        return await self._db.run(work)

    async def open_of(self, guild_id: int, user_id: int) -> MockRecord | None:
        """The member's latest mock not yet submitted (None: none)."""
        query = (
            select(MockExamRow)
            .where(MockExamRow.guild_id == guild_id, MockExamRow.user_id == user_id, MockExamRow.submitted_at.is_(None))
            .order_by(MockExamRow.started_at.desc(), MockExamRow.id.desc())
            .limit(1)
        )
        return await self._db.run(lambda session: self._first(session, query))

    async def submitted(self, guild_id: int, user_id: int, limit: int) -> list[MockRecord]:
        """The member's latest submitted mocks, latest first, at most `limit`."""
        query = (
            select(MockExamRow)
            .where(
                MockExamRow.guild_id == guild_id,
                MockExamRow.user_id == user_id,
                MockExamRow.submitted_at.is_not(None),
            )
            .order_by(MockExamRow.submitted_at.desc(), MockExamRow.id.desc())
            .limit(limit)
        )

        async def work(session: AsyncSession) -> list[MockRecord]:
            return [_record(row) for row in await session.scalars(query)]

        return await self._db.run(work)

    async def change(self, mock_id: int, edit: Callable[[MockRecord], MockRecord]) -> MockRecord | None:
        """Apply `edit` to an open mock's answers, flags and position in one transaction; None when it was
        submitted meanwhile (or never existed)."""

        async def work(session: AsyncSession) -> MockRecord | None:
            row = await session.get(MockExamRow, mock_id, with_for_update=True)
            if row is None or row.submitted_at is not None:
                return None
            edited = edit(_record(row))
            row.answers_json = json.dumps({str(k): v for k, v in sorted(edited.answers.items())})
            row.flags_json = json.dumps(sorted(edited.flags))
            row.position = edited.position
            return edited

        return await self._db.run(work)

    async def submit(self, mock_id: int, correct: int, at: datetime, *, auto: bool) -> MockRecord | None:
        """Close the mock with its score; None when it was submitted already (by another caller)."""
        statement = (
            update(MockExamRow)
            .where(MockExamRow.id == mock_id, MockExamRow.submitted_at.is_(None))
            .values(submitted_at=at, correct=correct, auto_submitted=auto)
            .returning(MockExamRow.id)
        )

        async def work(session: AsyncSession) -> MockRecord | None:
            if not await affected(session, statement):
                return None
            row = await session.get_one(MockExamRow, mock_id, populate_existing=True)
            return _record(row)

        return await self._db.run(work)

    async def overdue(self, now: datetime, guild_ids: list[int] | None = None) -> list[MockRecord]:
        """Open mocks whose deadline has passed (of `guild_ids`), oldest deadline first, at most OVERDUE_BATCH."""
        query = select(MockExamRow).where(MockExamRow.submitted_at.is_(None), MockExamRow.deadline <= now)
        if guild_ids is not None:
            query = query.where(MockExamRow.guild_id.in_(guild_ids))
        query = query.order_by(MockExamRow.deadline).limit(OVERDUE_BATCH)

        async def work(session: AsyncSession) -> list[MockRecord]:
            return [_record(row) for row in await session.scalars(query)]

        return await self._db.run(work)

    async def unreported(self, guild_ids: list[int] | None = None) -> list[MockRecord]:
        """Auto-submitted mocks (not of a mock night) whose report was not yet sent to the member."""
        query = select(MockExamRow).where(
            MockExamRow.auto_submitted.is_(True), MockExamRow.reported_at.is_(None), MockExamRow.night_id.is_(None)
        )
        if guild_ids is not None:
            query = query.where(MockExamRow.guild_id.in_(guild_ids))

        async def work(session: AsyncSession) -> list[MockRecord]:
            return [_record(row) for row in await session.scalars(query.limit(OVERDUE_BATCH))]

        return await self._db.run(work)

    async def mark_reported(self, mock_id: int, at: datetime) -> None:
        statement = update(MockExamRow).where(MockExamRow.id == mock_id).values(reported_at=at)

        async def work(session: AsyncSession) -> None:
            await session.execute(statement)

        await self._db.run(work)

    # -- mock nights -------------------------------------------------------------------------------------------
    async def create_night(
        self,
        guild_id: int,
        group_id: int,
        channel_id: int,
        questions_json: str,
        minutes: int,
        opens_at: datetime,
        closes_at: datetime,
        created_by: int,
    ) -> MockNightRecord:
        row = MockNightRow(
            guild_id=guild_id,
            group_id=group_id,
            channel_id=channel_id,
            questions_json=questions_json,
            minutes=minutes,
            opens_at=opens_at,
            closes_at=closes_at,
            created_by=created_by,
        )

        async def work(session: AsyncSession) -> MockNightRecord:
            session.add(row)
            await session.flush()
            return _night(row, (await session.get_one(StudyGroupRow, group_id)).name)

        return await self._db.run(work)

    async def night(self, night_id: int) -> MockNightRecord | None:
        async def work(session: AsyncSession) -> MockNightRecord | None:
            found = (await session.execute(_with_group_name().where(MockNightRow.id == night_id))).first()
            return None if found is None else _night(found[0], found[1])

        return await self._db.run(work)

    async def nights_to_close(self, now: datetime, guild_ids: list[int] | None = None) -> list[MockNightRecord]:
        """Nights whose window has closed and whose results nobody posted or holds a lease on."""
        query = _with_group_name().where(
            MockNightRow.closes_at <= now,
            MockNightRow.results_posted_at.is_(None),
            or_(MockNightRow.results_claimed_at.is_(None), MockNightRow.results_claimed_at <= now),
        )
        if guild_ids is not None:
            query = query.where(MockNightRow.guild_id.in_(guild_ids))

        async def work(session: AsyncSession) -> list[MockNightRecord]:
            return [_night(row, name) for row, name in await session.execute(query.order_by(MockNightRow.closes_at))]

        return await self._db.run(work)

    async def claim_night(self, night_id: int, now: datetime, lease_until: datetime) -> bool:
        """Take the lease on posting a night's results (False: posted, or another caller holds it)."""
        statement = (
            update(MockNightRow)
            .where(
                MockNightRow.id == night_id,
                MockNightRow.results_posted_at.is_(None),
                or_(MockNightRow.results_claimed_at.is_(None), MockNightRow.results_claimed_at <= now),
            )
            .values(results_claimed_at=lease_until)
            .returning(MockNightRow.id)
        )
        return await self._db.run(lambda session: affected(session, statement))

    async def night_posted(self, night_id: int, at: datetime) -> None:
        statement = update(MockNightRow).where(MockNightRow.id == night_id).values(results_posted_at=at)

        async def work(session: AsyncSession) -> None:
            await session.execute(statement)

        await self._db.run(work)

    async def attempts(self, night_id: int) -> list[tuple[MockRecord, str]]:
        """Every attempt of a night with the member's display name, in order of starting."""
        query = (
            select(MockExamRow, MemberRow.display_name)
            .outerjoin(
                MemberRow, (MemberRow.guild_id == MockExamRow.guild_id) & (MemberRow.user_id == MockExamRow.user_id)
            )
            .where(MockExamRow.night_id == night_id)
            .order_by(MockExamRow.started_at, MockExamRow.id)
        )

        async def work(session: AsyncSession) -> list[tuple[MockRecord, str]]:
            return [(_record(row), name or f"member {row.user_id}") for row, name in await session.execute(query)]

        return await self._db.run(work)

    @staticmethod
    async def _first(session: AsyncSession, query: Select[MockExamRow]) -> MockRecord | None:
        row = (await session.scalars(query)).first()
        return None if row is None else _record(row)
