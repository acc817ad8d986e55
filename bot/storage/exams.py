"""Exam days (a member's own, a study group's) and the exam results members report."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import ExamResultRow, GroupExamRow, GroupMemberRow, MemberExamRow, MemberRow, StudyGroupRow
from bot.storage.records import ExamCountdownRow, ExamDate, ExamResult
from bot.storage.sql import affected, upsert

COUNTDOWN_ROWS = 50  # the most exam days one daily post reads


class ExamRepository(Repository):
    """Set, read and clear exam days; record results. Values arrive validated (bot.exam.dates)."""

    async def set_member(
        self, guild_id: int, user_id: int, exam_on: date, name: str | None, daily_minutes: int | None, now: datetime
    ) -> None:
        values = {
            "guild_id": guild_id,
            "user_id": user_id,
            "exam_on": exam_on,
            "name": name,
            "daily_minutes": daily_minutes,
            "set_at": now,
        }
        await self._db.run(lambda session: upsert(session, MemberExamRow, ("guild_id", "user_id"), values))

    async def set_group(self, group_id: int, exam_on: date, name: str | None, set_by: int, now: datetime) -> None:
        values = {"group_id": group_id, "exam_on": exam_on, "name": name, "set_by": set_by, "set_at": now}
        await self._db.run(lambda session: upsert(session, GroupExamRow, ("group_id",), values))

    async def clear_member(self, guild_id: int, user_id: int) -> bool:
        """Forget the member's own exam day; False when none was set."""
        statement = (
            delete(MemberExamRow)
            .where(MemberExamRow.guild_id == guild_id, MemberExamRow.user_id == user_id)
            .returning(MemberExamRow.user_id)
        )
        return await self._db.run(lambda session: affected(session, statement))

    async def clear_group(self, group_id: int) -> bool:
        """Forget the group's exam day; False when none was set."""
        statement = delete(GroupExamRow).where(GroupExamRow.group_id == group_id).returning(GroupExamRow.group_id)
        return await self._db.run(lambda session: affected(session, statement))

    async def of_member(self, guild_id: int, user_id: int) -> tuple[ExamDate | None, list[ExamDate]]:
        """The member's own exam day (or None) and the days of the study groups they are in, soonest first."""

        async def work(session: AsyncSession) -> tuple[ExamDate | None, list[ExamDate]]:
            own = await session.get(MemberExamRow, (guild_id, user_id))
            query = (
                select(GroupExamRow, StudyGroupRow.name)
                .join(StudyGroupRow, StudyGroupRow.id == GroupExamRow.group_id)
                .join(GroupMemberRow, GroupMemberRow.group_id == GroupExamRow.group_id)
                .where(StudyGroupRow.guild_id == guild_id, GroupMemberRow.user_id == user_id)
                .order_by(GroupExamRow.exam_on, StudyGroupRow.name_key)
            )
            groups = [ExamDate(row.exam_on, row.name, group) for row, group in await session.execute(query)]
            return (_own(own) if own else None), groups

        return await self._db.run(work)

    async def exam_days(self, guild_id: int, user_ids: Collection[int]) -> dict[int, tuple[date | None, list[date]]]:
        """Each member's own exam day (or None) and their study groups' exam days, soonest first (two statements);
        a member with neither is left out."""

        async def work(session: AsyncSession) -> dict[int, tuple[date | None, list[date]]]:
            own = select(MemberExamRow.user_id, MemberExamRow.exam_on).where(
                MemberExamRow.guild_id == guild_id, MemberExamRow.user_id.in_(user_ids)
            )
            groups = (
                select(GroupMemberRow.user_id, GroupExamRow.exam_on)
                .join(StudyGroupRow, StudyGroupRow.id == GroupExamRow.group_id)
                .join(GroupMemberRow, GroupMemberRow.group_id == GroupExamRow.group_id)
                .where(StudyGroupRow.guild_id == guild_id, GroupMemberRow.user_id.in_(user_ids))
                .order_by(GroupExamRow.exam_on)
            )
            owns = dict((await session.execute(own)).tuples().all())
            days: dict[int, tuple[date | None, list[date]]] = {user_id: (day, []) for user_id, day in owns.items()}
            for user_id, day in await session.execute(groups):
                days.setdefault(user_id, (None, []))[1].append(day)
            return days

        return await self._db.run(work)

    async def of_group(self, group_id: int) -> ExamDate | None:
        async def work(session: AsyncSession) -> ExamDate | None:
            found = (
                await session.execute(
                    select(GroupExamRow, StudyGroupRow.name)
                    .join(StudyGroupRow, StudyGroupRow.id == GroupExamRow.group_id)
                    .where(GroupExamRow.group_id == group_id)
                )
            ).first()
            return None if found is None else ExamDate(found[0].exam_on, found[0].name, found[1])

        return await self._db.run(work)

    async def upcoming(self, guild_id: int, from_day: date) -> list[ExamCountdownRow]:
        """The server's exam days on or after `from_day`, soonest first (members who left are not shown), at most
        COUNTDOWN_ROWS: each member's own and each study group's."""

        async def work(session: AsyncSession) -> list[ExamCountdownRow]:
            members = (
                select(MemberExamRow, MemberRow.display_name)
                .join(MemberRow, (MemberRow.guild_id == guild_id) & (MemberRow.user_id == MemberExamRow.user_id))
                .where(
                    MemberExamRow.guild_id == guild_id,
                    MemberExamRow.exam_on >= from_day,
                    MemberRow.has_left.is_(False),
                )
                .order_by(MemberExamRow.exam_on, MemberExamRow.user_id)
                .limit(COUNTDOWN_ROWS)
            )
            groups = (
                select(GroupExamRow, StudyGroupRow.name)
                .join(StudyGroupRow, StudyGroupRow.id == GroupExamRow.group_id)
                .where(StudyGroupRow.guild_id == guild_id, GroupExamRow.exam_on >= from_day)
                .order_by(GroupExamRow.exam_on, StudyGroupRow.name_key)
                .limit(COUNTDOWN_ROWS)
            )
            rows = [ExamCountdownRow(name, _own(row)) for row, name in await session.execute(members)]
            for row, name in await session.execute(groups):
                rows.append(ExamCountdownRow(name, ExamDate(row.exam_on, row.name, name)))
            return sorted(rows, key=lambda row: row.exam.exam_on)[:COUNTDOWN_ROWS]

        return await self._db.run(work)

    async def record_result(self, guild_id: int, user_id: int, result: ExamResult) -> None:
        row = ExamResultRow(
            guild_id=guild_id,
            user_id=user_id,
            exam_on=result.exam_on,
            name=result.name,
            passed=result.passed,
            score=result.score,
            stage=result.stage,
            recorded_at=result.recorded_at,
        )

        async def work(session: AsyncSession) -> None:
            session.add(row)

        await self._db.run(work)

    async def results(self, guild_id: int, user_id: int) -> list[ExamResult]:
        """The member's reported results, latest first."""

        async def work(session: AsyncSession) -> list[ExamResult]:
            query = (
                select(ExamResultRow)
                .where(ExamResultRow.guild_id == guild_id, ExamResultRow.user_id == user_id)
                .order_by(ExamResultRow.recorded_at.desc(), ExamResultRow.id.desc())
            )
            return [
                ExamResult(r.user_id, r.exam_on, r.name, r.passed, r.score, r.stage, r.recorded_at)
                for r in await session.scalars(query)
            ]

        return await self._db.run(work)


def _own(row: MemberExamRow) -> ExamDate:
    return ExamDate(row.exam_on, row.name, None, row.daily_minutes)
