"""Each answer's local date is fixed when it is given: changing the server's or the member's zone never moves a
past day, and a zone moved west cannot reopen a day already begun or missed (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, text

from bot.clock import FrozenClock
from bot.service.boards import Boards
from bot.service.types import Who
from bot.storage import Database, GuildSettings, Repositories, migrate
from bot.storage.credit import backfill_credits
from bot.storage.models import AnswerRow
from tests.storage.conftest import T0, Target, entry
from tests.storage.test_migrations_with_data import at_revision

pytestmark = pytest.mark.asyncio(loop_scope="function")
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
DAY1 = T0.date()  # T0 is Monday 12:00 UTC
ADA = Who(guild_id=1, user_id=5, name="Ada")


async def study(repos: Repositories, at: datetime, prompt: str) -> None:
    await repos.answers.record(entry(1, 5, prompt, answered_at=at))


async def streak_at(repos: Repositories, moment: datetime) -> tuple[int, dict[date, int]]:
    """Ada's current streak and study days as seen at `moment`."""
    boards = Boards(repos, FrozenClock(moment))
    days, _ = await boards.study_days(ADA)
    return (await boards.streak(ADA)).current, days


async def test_a_server_zone_moved_west_keeps_a_streak_of_two(repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    await study(repos, T0 + DAY, "a")  # Tuesday 12:00 UTC
    await study(repos, T0 + DAY + 13 * HOUR, "b")  # Wednesday 01:00 UTC
    change = T0 + DAY + 15 * HOUR  # Wednesday 03:00 UTC: still Tuesday in Los Angeles
    assert (await streak_at(repos, change))[0] == 2
    await repos.settings.save(GuildSettings(1, time_zone="America/Los_Angeles"), change)
    current, days = await streak_at(repos, change)
    assert (current, days) == (2, {DAY1 + DAY: 1, DAY1 + 2 * DAY: 1})  # before the fix: 1 (Wednesday ignored)
    await study(repos, change + HOUR, "c")  # Tuesday 21:00 in Los Angeles, but Wednesday had begun: Wednesday
    assert await streak_at(repos, change + HOUR) == (2, {DAY1 + DAY: 1, DAY1 + 2 * DAY: 2})


async def test_a_server_zone_moved_east_never_moves_past_days(repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    await study(repos, T0 + 11 * HOUR, "a")  # Monday 23:00 UTC (Tuesday in Tokyo)
    await study(repos, T0 + DAY, "b")
    await repos.settings.save(GuildSettings(1, time_zone="Asia/Tokyo"), T0 + DAY + HOUR)
    assert await streak_at(repos, T0 + DAY + 2 * HOUR) == (2, {DAY1: 1, DAY1 + DAY: 1})


async def test_a_member_zone_change_cannot_gain_a_missed_day(repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    await study(repos, T0, "a")  # Monday; Tuesday missed
    wednesday = T0 + 2 * DAY - 11 * HOUR  # Wednesday 01:00 UTC: Tuesday 18:00 in Los Angeles
    assert (await streak_at(repos, wednesday))[0] == 0
    await repos.members.set_time_zone(1, 5, "America/Los_Angeles", wednesday)
    await study(repos, wednesday + HOUR, "b")
    current, days = await streak_at(repos, wednesday + HOUR)
    assert days == {DAY1: 1, DAY1 + 2 * DAY: 1}  # before the fix: Tuesday, the missed day, was studied
    assert current == 1


async def test_a_server_zone_change_cannot_gain_a_missed_day_for_its_followers(repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    await repos.members.upsert(1, 6, "Bo")
    await repos.members.set_time_zone(1, 6, "Asia/Tokyo", T0 - DAY)
    await study(repos, T0, "a")
    wednesday = T0 + 2 * DAY - 11 * HOUR
    await repos.settings.save(GuildSettings(1, time_zone="America/Los_Angeles"), wednesday)
    await study(repos, wednesday + HOUR, "b")
    assert (await streak_at(repos, wednesday + HOUR))[1] == {DAY1: 1, DAY1 + 2 * DAY: 1}
    bo = await repos.members.get(1, 6)
    assert bo is not None and bo.days_from == DAY1 - DAY  # their own zone: the server's change is not theirs


async def test_changing_zone_back_and_forth_keeps_the_latest_start(repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    await repos.members.set_time_zone(1, 5, "Pacific/Kiritimati", T0)  # from UTC: Monday
    await repos.members.set_time_zone(1, 5, "Pacific/Pago_Pago", T0 + HOUR)  # from Kiritimati (UTC+14): Tuesday
    await repos.members.set_time_zone(1, 5, None, T0 + 2 * HOUR)  # from Pago Pago (UTC-11): Monday, earlier
    member = await repos.members.get(1, 5)
    assert member is not None and member.days_from == DAY1 + DAY


async def test_the_stored_date_survives_a_rebuild_of_the_totals(database: Database, repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    await study(repos, T0 + 11 * HOUR, "a")  # Monday 23:00 UTC
    await repos.members.set_time_zone(1, 5, "Asia/Tokyo", T0 + 12 * HOUR)  # Tuesday in Tokyo from now on
    async with database.session() as session:
        dated = await session.scalar(select(AnswerRow.local_date))
        await session.run_sync(lambda sync: backfill_credits(sync.connection()))
    assert dated == DAY1
    assert (await streak_at(repos, T0 + 13 * HOUR))[1] == {DAY1: 1}


async def test_answers_stored_before_0009_are_dated_from_the_zones_in_force(target: Target) -> None:
    answer = (
        "INSERT INTO answers (guild_id, user_id, prompt_id, kind, correct, points, answered_at, answer_key,"
        " request_id) VALUES (1, {user}, 'p', 'quiz', true, 3, '2026-03-02 23:30:00', 'k{user}', 'r')"
    )
    await at_revision(
        target,
        "0007",
        "INSERT INTO guild_settings (guild_id, post_time, time_zone, reveal_delay_minutes, daily_enabled)"
        " VALUES (1, '09:00', 'America/New_York', 60, false)",
        "INSERT INTO members (guild_id, user_id, display_name, time_zone, has_left, hidden)"
        " VALUES (1, 5, 'Ada', 'Asia/Tokyo', false, false), (1, 6, 'Bo', NULL, false, false)",
        answer.format(user=5),
        answer.format(user=6),
    )
    await migrate(target.url, schema=target.schema)
    db = await target.open()
    try:
        async with db.session() as session:
            dated = dict((await session.execute(text("SELECT user_id, local_date FROM answers"))).all())
        assert {user: date.fromisoformat(str(day)) for user, day in dated.items()} == {5: DAY1 + DAY, 6: DAY1}
        days = await Repositories.over(db).standings.study_days(1, [5, 6])
        assert days == {5: {DAY1 + DAY: 1}, 6: {DAY1: 1}}
    finally:
        await db.close()
