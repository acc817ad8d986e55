"""Totals per member and per study group over a period, and study days: what boards and streaks are read from.

Boards read the running totals kept in each answer's transaction (`credit.py`); `member_tallies` recounts the
answer log itself over any interval (an audit of the totals, and the baseline they are measured against).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime

from sqlalchemy import ColumnElement, ColumnExpressionArgument, Subquery, and_, false, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import AnswerRow, GroupMemberRow, MemberRow, PeriodTotalRow, StudyDayRow, StudyGroupRow
from bot.storage.records import BoardRow, GroupTally, GuildSettings, MemberTally, Totals
from bot.storage.settings_repo import read_settings
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
        """Every member who answered in [start, end) recounted from the log, optionally only one group's members or
        one member; unranked. Members who left are included (flagged).
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

    async def board(
        self, guild_id: int, period: str, starts_on: date, *, group_id: int | None = None, limit: int | None = None
    ) -> list[BoardRow]:
        """The visible members' running totals of one period, best first (points, correct, then user id).

        Members who left or whom a manager hid are left out; `group_id` keeps one group's members.
        """
        return await self._db.run(lambda session: _board_rows(session, guild_id, period, starts_on, group_id, limit))

    async def board_with_days(
        self,
        guild_id: int,
        period: str,
        season: Callable[[GuildSettings], date],
        days_of: int,
        *,
        group_id: int | None = None,
        limit: int,
    ) -> tuple[GuildSettings, date, list[BoardRow], dict[int, dict[date, int]]]:
        """The server's settings, the first day of the season they give (`season`), that season's `board` and the
        study days (`study_days`) of its first `days_of` rows, in one transaction."""

        async def work(session: AsyncSession) -> tuple[GuildSettings, date, list[BoardRow], dict[int, dict[date, int]]]:
            server = await read_settings(session, guild_id)
            starts_on = season(server)
            rows = await _board_rows(session, guild_id, period, starts_on, group_id, limit)
            return server, starts_on, rows, await _study_days(session, guild_id, [r.user_id for r in rows[:days_of]])

        return await self._db.run(work)

    async def member_total(self, guild_id: int, user_id: int, period: str, starts_on: date) -> Totals:
        """One member's running totals of one period (zeros before their first answer in it)."""

        async def work(session: AsyncSession) -> Totals:
            key = (guild_id, period, starts_on, user_id)
            row = await session.get(PeriodTotalRow, key)
            return Totals(0, 0, 0) if row is None else Totals(row.points, row.correct, row.answered)

        return await self._db.run(work)

    async def group_tallies(self, guild_id: int, period: str, starts_on: date) -> list[GroupTally]:
        """Every group of the server with its active members (not left, not hidden) and their period totals.

        A member's whole period counts for each group they are in now, whenever they joined it.
        """

        async def work(session: AsyncSession) -> list[GroupTally]:
            active = (
                select(GroupMemberRow.group_id, GroupMemberRow.user_id)
                .join(MemberRow, _member_of(guild_id, GroupMemberRow.user_id))
                .where(*_visible())
                .subquery()
            )
            totals = select(PeriodTotalRow).where(*_of_period(guild_id, period, starts_on)).subquery()
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

    async def reaching(self, guild_id: int, period: str, starts_on: date, points: int) -> set[int]:
        """The visible members (not left, not hidden) with at least `points` in one period."""

        async def work(session: AsyncSession) -> set[int]:
            query = (
                select(PeriodTotalRow.user_id)
                .join(MemberRow, _member_of(guild_id, PeriodTotalRow.user_id))
                .where(*_of_period(guild_id, period, starts_on), PeriodTotalRow.points >= points, *_visible())
            )
            return set(await session.scalars(query))

        return await self._db.run(work)

    async def studied_since(self, guild_id: int, since: date) -> set[int]:
        """The visible members who studied on `since` (a local date) or later."""

        async def work(session: AsyncSession) -> set[int]:
            query = (
                select(StudyDayRow.user_id)
                .distinct()
                .join(MemberRow, _member_of(guild_id, StudyDayRow.user_id))
                .where(StudyDayRow.guild_id == guild_id, StudyDayRow.local_date >= since, *_visible())
            )
            return set(await session.scalars(query))

        return await self._db.run(work)

    async def zones(self, guild_id: int, user_ids: Collection[int]) -> dict[int, tuple[str | None, date | None]]:
        """The recorded members' own time zone (None: the server's) and the first day their zone counts from."""

        async def work(session: AsyncSession) -> dict[int, tuple[str | None, date | None]]:
            query = select(MemberRow.user_id, MemberRow.time_zone, MemberRow.days_from).where(
                MemberRow.guild_id == guild_id, MemberRow.user_id.in_(list(user_ids))
            )
            return {user_id: (zone, days_from) for user_id, zone, days_from in await session.execute(query)}

        return await self._db.run(work)

    async def study_days(self, guild_id: int, user_ids: Collection[int]) -> dict[int, dict[date, int]]:
        """For each of the members, their study days (local dates) and how many answers each day had."""
        return await self._db.run(lambda session: _study_days(session, guild_id, user_ids))


async def _board_rows(
    session: AsyncSession, guild_id: int, period: str, starts_on: date, group_id: int | None, limit: int | None
) -> list[BoardRow]:
    totals = _of_period(guild_id, period, starts_on)
    query = (
        select(
            PeriodTotalRow.user_id,
            MemberRow.display_name,
            MemberRow.time_zone,
            MemberRow.days_from,
            PeriodTotalRow.points,
            PeriodTotalRow.correct,
            PeriodTotalRow.answered,
        )
        .join(MemberRow, _member_of(guild_id, PeriodTotalRow.user_id))
        .where(*totals, *_visible())
        .order_by(PeriodTotalRow.points.desc(), PeriodTotalRow.correct.desc(), PeriodTotalRow.user_id)
        .limit(limit)
    )
    if group_id is not None:
        query = query.join(
            GroupMemberRow,
            and_(GroupMemberRow.user_id == PeriodTotalRow.user_id, GroupMemberRow.group_id == group_id),
        )
    return [BoardRow(*row) for row in await session.execute(query)]


async def _study_days(session: AsyncSession, guild_id: int, user_ids: Collection[int]) -> dict[int, dict[date, int]]:
    days: dict[int, dict[date, int]] = {user_id: {} for user_id in user_ids}
    if not days:
        return days
    query = select(StudyDayRow.user_id, StudyDayRow.local_date, StudyDayRow.answered).where(
        StudyDayRow.guild_id == guild_id, StudyDayRow.user_id.in_(list(user_ids))
    )
    for user_id, day, answered in await session.execute(query):
        days[user_id][day] = answered
    return days


def _of_period(guild_id: int, period: str, starts_on: date) -> tuple[ColumnElement[bool], ...]:
    return PeriodTotalRow.guild_id == guild_id, PeriodTotalRow.period == period, PeriodTotalRow.starts_on == starts_on


def _visible() -> tuple[ColumnElement[bool], ...]:
    """Members on the boards: not left, not hidden by a manager."""
    return MemberRow.has_left == false(), MemberRow.hidden == false()


def _member_of(guild_id: int, user_id: ColumnExpressionArgument[int]) -> ColumnElement[bool]:
    return and_(MemberRow.guild_id == guild_id, MemberRow.user_id == user_id)
