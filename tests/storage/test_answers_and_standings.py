"""The answer log and its credit: scored recalls, running period totals, study days, and the boards read from them."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from bot.progress.periods import ALL_TIME_START
from bot.storage import BoardRow, Database, GroupTally, GuildSettings, MemberTally, Repositories, Totals
from bot.storage.credit import backfill_credits
from tests.storage.conftest import T0, entry

pytestmark = pytest.mark.asyncio(loop_scope="function")
HOUR = timedelta(hours=1)
WEEK = T0.date()  # T0 is a Monday
SET_UP = T0 - timedelta(days=30)  # zones chosen well before the answers


async def answer(
    repos: Repositories, user: int, *, correct: bool = True, points: int = 3, at: int = 0, prompt: str = "p"
) -> int:
    """Log a quiz answer `at` hours after T0 in guild 1 (member and server in UTC); the points awarded."""
    logged = entry(1, user, prompt, correct=correct, points=points, answered_at=T0 + at * HOUR)
    return (await repos.answers.record(logged)).points


async def board(repos: Repositories, period: str = "all", **options: int) -> list[BoardRow]:
    starts_on = {"all": ALL_TIME_START, "week": WEEK, "month": WEEK.replace(day=1)}[period]
    return await repos.standings.board(1, period, starts_on, **options)


async def test_unknown_answer_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        entry(1, 1, kind="exam")


async def test_only_the_first_scoring_recall_of_a_prompt_per_day_earns_points(repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    assert await answer(repos, 5, correct=False, points=0) == 0
    assert await answer(repos, 5, at=1) == 3  # the first correct recall today
    assert await answer(repos, 5, at=2) == 0  # the same prompt again, same day
    assert await answer(repos, 5, at=3, prompt="q") == 3  # another prompt
    assert await answer(repos, 5, at=24) == 3  # the next day
    assert await answer(repos, 6, at=2) == 3  # another member
    rows = {row.user_id: row for row in await board(repos)}
    assert (rows[5].points, rows[5].correct, rows[5].answered) == (9, 4, 5)
    log = {t.user_id: t for t in await repos.standings.member_tallies(1, None, None)}
    assert log[5].points == 9  # the log holds what was awarded


async def test_racing_recalls_of_one_prompt_score_once(repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    awarded = await asyncio.gather(*(answer(repos, 5) for _ in range(8)))
    assert sorted(awarded) == [0] * 7 + [3]
    assert [(row.points, row.answered) for row in await board(repos)] == [(3, 8)]


async def test_running_totals_keep_each_period_apart(repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    await answer(repos, 5, at=-13)  # Sunday 23:00: last week, same month
    await answer(repos, 5, at=0, prompt="q")
    await answer(repos, 5, at=24 * 7, prompt="r")  # next Monday
    assert [(r.points, r.answered) for r in await board(repos, "week")] == [(3, 1)]
    assert [(r.points, r.answered) for r in await board(repos, "month")] == [(9, 3)]
    assert [(r.points, r.answered) for r in await board(repos, "all")] == [(9, 3)]
    assert await repos.standings.member_total(1, 5, "week", WEEK + timedelta(days=7)) == Totals(3, 1, 1)
    assert await repos.standings.member_total(1, 5, "week", WEEK - timedelta(days=14)) == Totals(0, 0, 0)


async def test_boards_order_and_leave_out_departed_and_hidden_members(repos: Repositories) -> None:
    for user, name in ((5, "Ada"), (6, "Bo"), (7, "Cy"), (8, "Di")):
        await repos.members.upsert(1, user, name)
    await repos.members.set_time_zone(1, 6, "Asia/Tokyo", SET_UP)
    for user, prompts in ((5, "ab"), (6, "abc"), (7, "abcd"), (8, "ab")):
        for prompt in prompts:
            await answer(repos, user, prompt=prompt)
    await repos.members.mark_left(1, 7)
    assert await repos.members.set_hidden(1, 8, True)
    assert not await repos.members.set_hidden(1, 99, True)
    rows = await board(repos)
    assert [(r.user_id, r.display_name, r.time_zone, r.points) for r in rows] == [
        (6, "Bo", "Asia/Tokyo", 9),
        (5, "Ada", None, 6),
    ]
    assert [r.user_id for r in await board(repos, limit=1)] == [6]
    await repos.members.set_hidden(1, 8, False)
    assert [r.user_id for r in await board(repos)] == [6, 5, 8]  # equal points: user id decides the order


async def test_board_of_one_group(repos: Repositories) -> None:
    group = await repos.groups.create(1, "Owls", 5, T0)
    for user in (5, 6):
        await repos.members.upsert(1, user, f"m{user}")
        await answer(repos, user)
    assert [r.user_id for r in await board(repos, group_id=group.id)] == [5]


async def test_group_tallies_count_active_visible_members_and_their_points(repos: Repositories) -> None:
    owls = await repos.groups.create(1, "Owls", 5, T0)
    larks = await repos.groups.create(1, "Larks", 6, T0)
    empty = await repos.groups.create(1, "Empty", 9, T0)
    await repos.groups.leave(1, "Empty", 9)
    for user in (7, 8, 10):
        await repos.groups.join(1, "Owls", user, T0)
    for user in (5, 6, 7, 8, 10):
        await repos.members.upsert(1, user, f"m{user}")
    await repos.members.mark_left(1, 8)
    await repos.members.set_hidden(1, 10, True)
    await repos.groups.join(1, "Larks", 5, T0)  # 5 is in both groups
    await answer(repos, 5, points=3)
    await answer(repos, 5, correct=False, points=0, prompt="q")
    await answer(repos, 6, points=10)
    await answer(repos, 8, points=100)  # left: not counted
    await answer(repos, 10, points=100)  # hidden: not counted
    await answer(repos, 7, points=1, at=-24 * 7)  # the week before
    tallies = await repos.standings.group_tallies(1, "week", WEEK)
    assert tallies == [
        GroupTally(owls.id, "Owls", 2, 3, 1, 2),
        GroupTally(larks.id, "Larks", 2, 13, 2, 3),
        GroupTally(empty.id, "Empty", 0, 0, 0, 0),
    ]


async def test_study_days_count_answers_per_local_day(repos: Repositories) -> None:
    await answer(repos, 5, at=0)
    await answer(repos, 5, at=1, correct=False, points=0)
    await answer(repos, 5, at=30)
    days = await repos.standings.study_days(1, [5, 6])
    assert days == {5: {WEEK: 2, WEEK + timedelta(days=1): 1}, 6: {}}


async def test_member_tallies_recount_the_log_within_half_open_interval(repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    await answer(repos, 5, at=0)
    await answer(repos, 5, correct=False, points=0, at=1)
    await answer(repos, 5, at=10, prompt="q")  # == end: outside
    await answer(repos, 7, at=-1)  # before start; unknown member
    assert await repos.standings.member_tallies(1, T0, T0 + 10 * HOUR) == [MemberTally(5, "Ada", False, 3, 1, 2)]
    everything = await repos.standings.member_tallies(1, None, None)
    assert {t.user_id: t.points for t in everything} == {5: 6, 7: 3}
    assert await repos.standings.member_tallies(1, None, None, user_id=7) == [MemberTally(7, None, False, 3, 1, 1)]


async def test_backfill_rebuilds_the_running_totals_from_the_log(database: Database, repos: Repositories) -> None:
    await repos.members.upsert(1, 5, "Ada")
    await repos.members.upsert(1, 6, "Bo")
    await repos.members.set_time_zone(1, 6, "America/New_York", SET_UP)
    for at, prompt in ((-1, "a"), (0, "b"), (5, "c"), (24 * 9, "d")):
        await answer(repos, 5, at=at, prompt=prompt)
        await answer(repos, 6, at=at, prompt=prompt, correct=at > 0, points=3 if at > 0 else 0)
    before = [await board(repos, period) for period in ("week", "month", "all")]
    days = await repos.standings.study_days(1, [5, 6])
    async with database.session() as session:
        await session.run_sync(lambda sync: backfill_credits(sync.connection(), batch=3))
    assert [await board(repos, period) for period in ("week", "month", "all")] == before
    assert await repos.standings.study_days(1, [5, 6]) == days


async def test_study_days_follow_the_members_zone_and_periods_the_servers(repos: Repositories) -> None:
    await repos.settings.save(GuildSettings(1, time_zone="America/New_York"), SET_UP)
    await repos.members.upsert(1, 5, "Ada")
    await repos.members.set_time_zone(1, 5, "Asia/Tokyo", SET_UP)
    await answer(repos, 5, at=-15)  # Sunday 21:00 UTC: Monday 06:00 in Tokyo, Sunday 17:00 in New York
    assert await repos.standings.study_days(1, [5]) == {5: {WEEK: 1}}
    assert await repos.standings.member_total(1, 5, "week", WEEK - timedelta(days=7)) == Totals(3, 1, 1)
    assert await repos.standings.member_total(1, 5, "month", date(2026, 3, 1)) == Totals(3, 1, 1)
