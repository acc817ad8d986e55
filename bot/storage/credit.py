"""What an answer adds to the boards, written in the answer's own transaction.

Each answer adds its points to the member's running totals of every period containing it (in the server's
calendar) and marks the member's local study day, so boards and streaks read a few rows instead of the log.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, delete, insert, select
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
from bot.storage.sql import dialect_insert, insert_or_nothing

DEFAULT_ZONE = GuildSettings(guild_id=0).time_zone


@dataclass(frozen=True)
class Credit:
    """Where one answer counts: the member's local study day and the server's periods (name, first day)."""

    study_day: date
    periods: tuple[tuple[str, date], ...]

    @classmethod
    def at(cls, moment: datetime, member_zone: ZoneInfo, server_zone: ZoneInfo) -> Credit:
        """The credit of an answer at `moment` (aware): study day in the member's zone, periods in the server's."""
        server_day = moment.astimezone(server_zone).date()
        return cls(moment.astimezone(member_zone).date(), tuple((p.value, period_start(p, server_day)) for p in Period))


def answer_zones(member_zone: str | None, server_zone: str | None) -> tuple[ZoneInfo, ZoneInfo]:
    """(member's zone, server's zone): the member's own when set, else the server's, else the default (UTC)."""
    server = ZoneInfo(server_zone or DEFAULT_ZONE)
    return (ZoneInfo(member_zone) if member_zone else server), server


async def credit_at(session: AsyncSession, guild_id: int, user_id: int, moment: datetime) -> Credit:
    """The credit of the member's answer at `moment`, from the zones stored now (read in the caller's transaction)."""
    server = select(GuildSettingsRow.time_zone).where(GuildSettingsRow.guild_id == guild_id).scalar_subquery()
    member = select(MemberRow.time_zone).where(MemberRow.guild_id == guild_id, MemberRow.user_id == user_id)
    member_zone, server_zone = (await session.execute(select(member.scalar_subquery(), server))).one()
    return Credit.at(moment, *answer_zones(member_zone, server_zone))


async def claim_recall(session: AsyncSession, guild_id: int, user_id: int, prompt_id: str, day: date) -> bool:
    """True for the member's first scored recall of `prompt_id` on local `day`; False for every later one.

    The primary key decides, so two answers racing in separate transactions cannot both score.
    """
    values = {"guild_id": guild_id, "user_id": user_id, "prompt_id": prompt_id, "local_date": day}
    return await insert_or_nothing(session, ScoredRecallRow, values) is not None


async def add_credit(
    session: AsyncSession, guild_id: int, user_id: int, credit: Credit, *, points: int, correct: bool
) -> None:
    """Add one answer to the member's period totals and study day (inside the caller's transaction).

    Locks the rows in one order (study day, then week, month, all), so concurrent answers never deadlock.
    """
    member = {"guild_id": guild_id, "user_id": user_id}
    await _add(session, StudyDayRow, [{**member, "local_date": credit.study_day}])
    totals = [{**member, "period": period, "starts_on": first} for period, first in credit.periods]
    await _add(session, PeriodTotalRow, totals, points=points, correct=int(correct))


async def _add(
    session: AsyncSession,
    model: type[PeriodTotalRow] | type[StudyDayRow],
    keys: Iterable[dict[str, object]],
    **amounts: int,
) -> None:
    """Insert each keyed row with `amounts` and answered=1, or add them to the row already there."""
    amounts = {**amounts, "answered": 1}
    rows = [{**key, **amounts} for key in keys]
    if not rows:
        return
    statement = dialect_insert(session, model).values(rows)
    table = model.__table__.c
    changes = {name: table[name] + statement.excluded[name] for name in amounts}
    index = [column.name for column in model.__table__.primary_key.columns]
    await session.execute(statement.on_conflict_do_update(index_elements=index, set_=changes))


def backfill_credits(connection: Connection, batch: int = 50_000) -> None:
    """Rebuild period totals and study days from the whole answer log (synchronous: migrations, bulk loads).

    Zones are the ones set now (the member's, else the server's, else UTC); replaces what the tables held.
    """
    server_zones = dict(connection.execute(select(GuildSettingsRow.guild_id, GuildSettingsRow.time_zone)).all())
    member_zones = {
        (guild_id, user_id): zone
        for guild_id, user_id, zone in connection.execute(
            select(MemberRow.guild_id, MemberRow.user_id, MemberRow.time_zone)
        )
    }
    totals: defaultdict[tuple[int, str, date, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    days: Counter[tuple[int, int, date]] = Counter()
    # One credit per member and UTC quarter hour: every zone's offset is a whole number of quarter hours.
    credits: dict[tuple[int, int, datetime], Credit] = {}
    query = select(AnswerRow.guild_id, AnswerRow.user_id, AnswerRow.points, AnswerRow.correct, AnswerRow.answered_at)
    for guild_id, user_id, points, correct, answered_at in connection.execute(query.execution_options(yield_per=batch)):
        quarter = answered_at.replace(minute=answered_at.minute // 15 * 15, second=0, microsecond=0)
        key = (guild_id, user_id, quarter)
        credit = credits.get(key)
        if credit is None:
            zones = answer_zones(member_zones.get((guild_id, user_id)), server_zones.get(guild_id))
            credit = credits[key] = Credit.at(quarter, *zones)
        days[(guild_id, user_id, credit.study_day)] += 1
        for period, first in credit.periods:
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


def _insert_in_batches(connection: Connection, model: type[Base], rows: list[dict[str, object]], batch: int) -> None:
    for start in range(0, len(rows), batch):
        connection.execute(insert(model), rows[start : start + batch])
