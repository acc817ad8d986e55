"""What an answer adds to the boards, written in the answer's own transaction.

Each answer adds its points to the member's running totals of every period containing it (in the server's
calendar) and marks the member's local study day, so boards and streaks read a few rows instead of the log.
The study day is fixed when the answer is given and stored with it (`answers.local_date`): changing the server's
or the member's zone later never moves a past answer to another day.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.progress.periods import Period, period_start
from bot.storage.models import (
    AnswerRow,
    Base,
    GuildSettingsRow,
    MemberRow,
    PeriodTotalRow,
    ScoredRecallRow,
    StudyDayRow,
)
from bot.storage.records import GuildSettings
from bot.storage.sql import insert_or_nothing, table_insert
from bot.timezones import local_day

DEFAULT_ZONE = GuildSettings(guild_id=0).time_zone


@dataclass(frozen=True)
class Credit:
    """Where one answer counts: the member's local study day and the server's periods (name, first day)."""

    study_day: date
    periods: tuple[tuple[str, date], ...]

    @classmethod
    def at(
        cls, moment: datetime, member_zone: ZoneInfo, server_zone: ZoneInfo, days_from: date | None = None
    ) -> Credit:
        """The credit of an answer at `moment` (aware): study day in the member's zone (never before `days_from`,
        see `bot.timezones.local_day`), periods in the server's."""
        return cls(local_day(moment, member_zone, days_from), server_periods(moment, server_zone))


def server_periods(moment: datetime, server_zone: ZoneInfo) -> tuple[tuple[str, date], ...]:
    """The periods (name, first local day) containing `moment` in the server's calendar."""
    server_day = moment.astimezone(server_zone).date()
    return tuple((p.value, period_start(p, server_day)) for p in Period)


def answer_zones(member_zone: str | None, server_zone: str | None) -> tuple[ZoneInfo, ZoneInfo]:
    """(member's zone, server's zone): the member's own when set, else the server's, else the default (UTC)."""
    server = ZoneInfo(server_zone or DEFAULT_ZONE)
    return (ZoneInfo(member_zone) if member_zone else server), server


async def credit_at(session: AsyncSession, guild_id: int, user_id: int, moment: datetime) -> Credit:
    """The credit of the member's answer at `moment`, from the zones stored now (read in the caller's transaction,
    one statement)."""
    member = (MemberRow.guild_id == guild_id, MemberRow.user_id == user_id)
    zones = select(
        select(GuildSettingsRow.time_zone).where(GuildSettingsRow.guild_id == guild_id).scalar_subquery(),
        select(MemberRow.time_zone).where(*member).scalar_subquery(),
        select(MemberRow.days_from).where(*member).scalar_subquery(),
    )
    server_zone, member_zone, days_from = (await session.execute(zones)).one()
    return Credit.at(moment, *answer_zones(member_zone, server_zone), days_from)


async def claim_recall(session: AsyncSession, guild_id: int, user_id: int, prompt_id: str, day: date) -> bool:
    """True for the member's first scored recall of `prompt_id` on local `day`; False for every later one.

    The primary key decides, so two answers racing in separate transactions cannot both score.
    """
    values = {"guild_id": guild_id, "user_id": user_id, "prompt_id": prompt_id, "local_date": day}
    return await insert_or_nothing(session, ScoredRecallRow, values) is not None


@dataclass(frozen=True)
class CreditedAnswer:
    """One answer's share of the boards: the member, where it counts, its points and verdict."""

    user_id: int
    credit: Credit
    points: int
    correct: bool


async def credits_at(session: AsyncSession, guild_id: int, moments: dict[int, datetime]) -> dict[int, Credit]:
    """`credit_at` of many members' answers (user id → moment, aware), from the zones stored now (two statements in
    the caller's transaction: the server's zone, the members' own)."""
    server_zone = await session.scalar(select(GuildSettingsRow.time_zone).where(GuildSettingsRow.guild_id == guild_id))
    query = select(MemberRow.user_id, MemberRow.time_zone, MemberRow.days_from).where(
        MemberRow.guild_id == guild_id, MemberRow.user_id.in_(moments)
    )
    members = {user_id: (zone, days_from) for user_id, zone, days_from in await session.execute(query)}
    credits = {}
    for user_id, moment in moments.items():
        member_zone, days_from = members.get(user_id, (None, None))
        credits[user_id] = Credit.at(moment, *answer_zones(member_zone, server_zone), days_from)
    return credits


async def add_credit(
    session: AsyncSession, guild_id: int, user_id: int, credit: Credit, *, points: int, correct: bool
) -> None:
    """Add one answer to the member's period totals and study day (inside the caller's transaction)."""
    await add_credits(session, guild_id, [CreditedAnswer(user_id, credit, points, correct)])


async def add_credits(session: AsyncSession, guild_id: int, answers: list[CreditedAnswer]) -> None:
    """Add answers of different members (one each) to their period totals and study days, two statements.

    Locks the rows in one order (study days by member, then period totals by member, week, month, all), so
    concurrent answers and batches never deadlock.
    """
    ordered = sorted(answers, key=lambda answer: answer.user_id)
    member = {"guild_id": guild_id, "answered": 1}
    await _add(
        session, StudyDayRow, [{**member, "user_id": a.user_id, "local_date": a.credit.study_day} for a in ordered]
    )
    totals = [
        {**member, "user_id": a.user_id, "period": p, "starts_on": first, "points": a.points, "correct": int(a.correct)}
        for a in ordered
        for p, first in a.credit.periods
    ]
    await _add(session, PeriodTotalRow, totals)


async def _add(
    session: AsyncSession, model: type[PeriodTotalRow] | type[StudyDayRow], rows: list[dict[str, object]]
) -> None:
    """Insert each row (its key and amounts), or add its amounts to the row already there; in the order given."""
    if not rows:
        return
    statement = table_insert(session, model)
    table = model.__table__.c
    keys = [column.name for column in model.__table__.primary_key]
    changes = {name: table[name] + statement.excluded[name] for name in rows[0] if name not in keys}
    await session.execute(statement.on_conflict_do_update(index_elements=keys, set_=changes), rows)


def backfill_local_dates(connection: Connection, batch: int = 50_000) -> None:
    """Date every answer without a local date from the zones in force now (synchronous: migrations).

    The member's zone, else the server's, else UTC; never before the member's `days_from`.
    """
    calendars = _member_calendars(connection)
    query = select(AnswerRow.id, AnswerRow.guild_id, AnswerRow.user_id, AnswerRow.answered_at).where(
        AnswerRow.local_date.is_(None)
    )
    dated = [
        {"answer_id": answer_id, "day": calendars.day(guild_id, user_id, answered_at)}
        for answer_id, guild_id, user_id, answered_at in connection.execute(query).all()
    ]
    statement = update(AnswerRow).where(AnswerRow.id == bindparam("answer_id")).values(local_date=bindparam("day"))
    for start in range(0, len(dated), batch):
        connection.execute(statement, dated[start : start + batch])


def backfill_credits(connection: Connection, batch: int = 50_000) -> None:
    """Rebuild period totals and study days from the whole answer log (synchronous: migrations, bulk loads).

    Study days are the answers' stored local dates; periods follow the server's zone set now (else UTC).
    Replaces what the tables held.
    """
    calendars = _member_calendars(connection)
    totals: defaultdict[tuple[int, str, date, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    days: Counter[tuple[int, int, date]] = Counter()
    # One set of periods per server and UTC quarter hour: every zone's offset is a whole number of quarter hours.
    periods: dict[tuple[int, datetime], tuple[tuple[str, date], ...]] = {}
    query = select(
        AnswerRow.guild_id,
        AnswerRow.user_id,
        AnswerRow.points,
        AnswerRow.correct,
        AnswerRow.answered_at,
        AnswerRow.local_date,
    )
    for guild_id, user_id, points, correct, answered_at, local_date in connection.execute(
        query.execution_options(yield_per=batch)
    ):
        quarter = answered_at.replace(minute=answered_at.minute // 15 * 15, second=0, microsecond=0)
        key = (guild_id, quarter)
        if key not in periods:
            periods[key] = server_periods(quarter, calendars.server_zone(guild_id))
        days[(guild_id, user_id, local_date)] += 1
        for period, first in periods[key]:
            sums = totals[(guild_id, period, first, user_id)]
            sums[0] += points
            sums[1] += bool(correct)
            sums[2] += 1
    connection.execute(delete(PeriodTotalRow))
    connection.execute(delete(StudyDayRow))
    _insert_in_batches(
        connection,
        PeriodTotalRow,
        [
            {"guild_id": g, "period": p, "starts_on": s, "user_id": u, "points": a, "correct": b, "answered": n}
            for (g, p, s, u), (a, b, n) in totals.items()
        ],
        batch,
    )
    _insert_in_batches(
        connection,
        StudyDayRow,
        [{"guild_id": g, "user_id": u, "local_date": d, "answered": n} for (g, u, d), n in days.items()],
        batch,
    )


@dataclass(frozen=True)
class _Calendars:
    """The zones in force now: each server's, and each recorded member's own zone and `days_from`."""

    servers: dict[int, str]
    members: dict[tuple[int, int], tuple[str | None, date | None]]

    def server_zone(self, guild_id: int) -> ZoneInfo:
        return ZoneInfo(self.servers.get(guild_id) or DEFAULT_ZONE)

    def day(self, guild_id: int, user_id: int, moment: datetime) -> date:
        member_zone, days_from = self.members.get((guild_id, user_id), (None, None))
        return Credit.at(moment, *answer_zones(member_zone, self.servers.get(guild_id)), days_from).study_day


def _member_calendars(connection: Connection) -> _Calendars:
    servers = dict(connection.execute(select(GuildSettingsRow.guild_id, GuildSettingsRow.time_zone)).all())
    query = select(MemberRow.guild_id, MemberRow.user_id, MemberRow.time_zone, MemberRow.days_from)
    members = {
        (guild_id, user_id): (zone, days_from) for guild_id, user_id, zone, days_from in connection.execute(query)
    }
    return _Calendars(servers, members)


def _insert_in_batches(connection: Connection, model: type[Base], rows: list[dict[str, object]], batch: int) -> None:
    for start in range(0, len(rows), batch):
        connection.execute(insert(model), rows[start : start + batch])
