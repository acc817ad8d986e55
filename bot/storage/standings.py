"""Totals per member and per study group over a period: what leaderboards are ranked from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import AnswerRow, GroupMemberRow, MemberRow, StudyGroupRow
from bot.storage.records import GroupTally, MemberTally
from bot.storage.sql import count_true


def _in_period(start: datetime | None, end: datetime | None) -> ColumnElement[bool]:
    """Answers with start <= answered_at < end (an open side when None)."""
    conditions = []
    if start is not None:
        conditions.append(AnswerRow.answered_at >= start)
    if end is not None:
        conditions.append(AnswerRow.answered_at < end)
    return and_(true(), *conditions)


def _totals() -> tuple[Any, Any, Any]:
    """points, correct and answered summed over the joined answers (zero when there are none)."""
    return (
        func.coalesce(func.sum(AnswerRow.points), 0),
        count_true(AnswerRow.correct),
        func.count(AnswerRow.id),
    )


_member_of_answer = and_(MemberRow.guild_id == AnswerRow.guild_id, MemberRow.user_id == AnswerRow.user_id)


class StandingsRepository(Repository):
    async def member_tallies(
        self, guild_id: int, start: datetime | None, end: datetime | None, *, group_id: int | None = None
    ) -> list[MemberTally]:
        """Every member who answered in [start, end), optionally only members of one group; unranked.

        Members who left are included (flagged); ranking hides them.
        """

        async def work(session: AsyncSession) -> list[MemberTally]:
            query = (
                select(AnswerRow.user_id, MemberRow.display_name, MemberRow.has_left, *_totals())
                .outerjoin(MemberRow, _member_of_answer)
                .where(AnswerRow.guild_id == guild_id, _in_period(start, end))
                .group_by(AnswerRow.user_id, MemberRow.display_name, MemberRow.has_left)
            )
            if group_id is not None:
                query = query.join(
                    GroupMemberRow,
                    and_(GroupMemberRow.user_id == AnswerRow.user_id, GroupMemberRow.group_id == group_id),
                )
            rows = await session.execute(query)
            return [MemberTally(uid, name, bool(left), int(p), int(c), int(n)) for uid, name, left, p, c, n in rows]

        return await self._db.run(work)

    async def group_tallies(self, guild_id: int, start: datetime | None, end: datetime | None) -> list[GroupTally]:
        """Every group of the server with its active members (not left) and their answers in [start, end).

        A member's whole period counts for each group they are in now, whenever they joined it.
        """

        async def work(session: AsyncSession) -> list[GroupTally]:
            active = (
                select(GroupMemberRow.group_id, GroupMemberRow.user_id)
                .outerjoin(
                    MemberRow,
                    (MemberRow.guild_id == guild_id) & (MemberRow.user_id == GroupMemberRow.user_id),
                )
                .where(func.coalesce(MemberRow.has_left, false()) == false())
                .subquery()
            )
            answers_of_active = and_(
                AnswerRow.guild_id == guild_id, AnswerRow.user_id == active.c.user_id, _in_period(start, end)
            )
            query = (
                select(
                    StudyGroupRow.id,
                    StudyGroupRow.name,
                    func.count(func.distinct(active.c.user_id)),
                    *_totals(),
                )
                .outerjoin(active, active.c.group_id == StudyGroupRow.id)
                .outerjoin(AnswerRow, answers_of_active)
                .where(StudyGroupRow.guild_id == guild_id)
                .group_by(StudyGroupRow.id, StudyGroupRow.name)
                .order_by(StudyGroupRow.id)
            )
            rows = await session.execute(query)
            return [GroupTally(gid, name, int(m), int(p), int(c), int(n)) for gid, name, m, p, c, n in rows]

        return await self._db.run(work)
