"""Totals per member and per study group over a period: what leaderboards are ranked from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Subquery, and_, false, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import AnswerRow, GroupMemberRow, MemberRow, StudyGroupRow
from bot.storage.records import GroupTally, MemberTally
from bot.storage.sql import count_true


def _period_totals(guild_id: int, start: datetime | None, end: datetime | None, user_id: int | None = None) -> Subquery:
    """One row per member who answered in [start, end) (an open side when None): user_id, points, correct, answered.

    Answers are summed before anything is joined to them, from the index on (guild_id, answered_at, ...) alone.
    """
    query = select(
        AnswerRow.user_id,
        func.sum(AnswerRow.points).label("points"),
        count_true(AnswerRow.correct).label("correct"),
        func.count().label("answered"),
    ).where(AnswerRow.guild_id == guild_id)
    if start is not None:
        query = query.where(AnswerRow.answered_at >= start)
    if end is not None:
        query = query.where(AnswerRow.answered_at < end)
    if user_id is not None:
        query = query.where(AnswerRow.user_id == user_id)
    return query.group_by(AnswerRow.user_id).subquery("period_totals")


class StandingsRepository(Repository):
    async def member_tallies(
        self,
        guild_id: int,
        start: datetime | None,
        end: datetime | None,
        *,
        group_id: int | None = None,
        user_id: int | None = None,
    ) -> list[MemberTally]:
        """Every member who answered in [start, end), optionally only one group's members or one member; unranked.

        Members who left are included (flagged); ranking hides them.
        """

        async def work(session: AsyncSession) -> list[MemberTally]:
            totals = _period_totals(guild_id, start, end, user_id)
            query = select(
                totals.c.user_id,
                MemberRow.display_name,
                MemberRow.has_left,
                totals.c.points,
                totals.c.correct,
                totals.c.answered,
            ).outerjoin(MemberRow, and_(MemberRow.guild_id == guild_id, MemberRow.user_id == totals.c.user_id))
            if group_id is not None:
                query = query.join(
                    GroupMemberRow,
                    and_(GroupMemberRow.user_id == totals.c.user_id, GroupMemberRow.group_id == group_id),
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
            totals = _period_totals(guild_id, start, end)
            query = (
                select(
                    StudyGroupRow.id,
                    StudyGroupRow.name,
                    func.count(func.distinct(active.c.user_id)),
                    func.coalesce(func.sum(totals.c.points), 0),
                    func.coalesce(func.sum(totals.c.correct), 0),
                    func.coalesce(func.sum(totals.c.answered), 0),
                )
                .outerjoin(active, active.c.group_id == StudyGroupRow.id)
                .outerjoin(totals, totals.c.user_id == active.c.user_id)
                .where(StudyGroupRow.guild_id == guild_id)
                .group_by(StudyGroupRow.id, StudyGroupRow.name)
                .order_by(StudyGroupRow.id)
            )
            rows = await session.execute(query)
            return [GroupTally(gid, name, int(m), int(p), int(c), int(n)) for gid, name, m, p, c, n in rows]

        return await self._db.run(work)
