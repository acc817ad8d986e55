"""Seasons with a moved clock: weeks and months close once in the server's zone, even with several shard
processes, name their winners (ties share a place) and stay readable afterwards; the bot announces them."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import pytest

from bot.clock import FrozenClock
from bot.service.types import Who
from bot.tutor import Tutor
from tests.e2e.tutor_fixtures import OpenTutor
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember

pytestmark = pytest.mark.asyncio(loop_scope="function")
GUILD = 77
BOSS = Who(GUILD, 9, "boss", is_manager=True)
MEMBERS = [Who(GUILD, n, name) for n, name in enumerate(("ana", "bo", "cy", "di"), start=1)]


async def score(tutor: Tutor, who: Who, prompts: int, start: int) -> None:
    """`who` recalls `prompts` new prompts correctly (3 points each), taken from the notes at `start`."""
    for prompt in list(tutor.notes.default.prompts.values())[start : start + prompts]:
        await tutor.answer(who, prompt.id, prompt.answer)


async def test_a_season_closes_once_across_shards_and_names_its_winners(
    open_tutor: OpenTutor, clock: FrozenClock
) -> None:
    shards = [await open_tutor() for _ in range(3)]
    tutor = shards[0]
    await tutor.configure(BOSS, daily_channel_id=500, daily_enabled=True, time_zone="Asia/Tokyo")
    for who, prompts, start in zip(MEMBERS, (3, 3, 2, 1), (0, 10, 20, 30), strict=True):
        await score(tutor, who, prompts, start)
    owls = await tutor.create_group(MEMBERS[2], "Owls")
    await tutor.join_group(MEMBERS[3], owls.name)
    await tutor.create_group(MEMBERS[0], "Larks")
    await asyncio.gather(*(shard.close_due_seasons() for shard in shards))  # at the start, February closes quietly
    clock.set(datetime(2026, 3, 8, 14, 59, tzinfo=clock.now().tzinfo))  # Sunday 23:59 in Tokyo: still this week
    assert [r.period for r in await tutor.close_due_seasons()] == []
    clock.advance(timedelta(minutes=1))  # Monday 00:00 in Tokyo
    closed = [r for rs in await asyncio.gather(*(s.close_due_seasons() for s in shards)) for r in rs]
    assert [(r.period, r.starts_on, r.ends_on) for r in closed] == [("week", date(2026, 3, 2), date(2026, 3, 9))]
    week = closed[0]
    assert week.channel_id == 500
    assert [(row.rank, row.name, row.points) for row in week.podium] == [(1, "ana", 9), (1, "bo", 9), (3, "cy", 6)]
    assert [g.name for g in week.winning_groups] == ["Larks"]  # 9 per member beats Owls' 4.5
    assert await tutor.close_due_seasons() == []
    past = await tutor.leaderboard(GUILD, "week", season=1)
    assert (past.season, [row.name for row in past.rows]) == (date(2026, 3, 2), ["ana", "bo", "cy", "di"])
    assert (await tutor.leaderboard(GUILD, "week")).rows == ()
    clock.set(datetime(2026, 3, 31, 15, 0, tzinfo=clock.now().tzinfo))  # 1 April 00:00 in Tokyo
    closed = [r for rs in await asyncio.gather(*(s.close_due_seasons() for s in shards)) for r in rs]
    seasons = {(r.period, r.starts_on): r.podium for r in closed}  # only the seasons just ended close
    assert set(seasons) == {("week", date(2026, 3, 23)), ("month", date(2026, 3, 1))}
    assert seasons["week", date(2026, 3, 23)] == ()
    assert [row.name for row in seasons["month", date(2026, 3, 1)]] == ["ana", "bo", "cy"]


async def test_a_failed_announcement_is_retried_by_the_next_check(open_tutor: OpenTutor, clock: FrozenClock) -> None:
    tutor = await open_tutor()
    await tutor.configure(BOSS, daily_channel_id=500, daily_enabled=True)
    await score(tutor, MEMBERS[0], 1, 0)
    await tutor.close_due_seasons()
    clock.advance(timedelta(days=7))
    (week,) = await tutor.close_due_seasons()
    await tutor.reopen_season(week)
    assert [r.starts_on for r in await tutor.close_due_seasons()] == [week.starts_on]


async def test_the_bot_announces_the_season_in_the_daily_channel(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, ana: FakeMember, boss: FakeMember, tutorbot: BotRunner
) -> None:
    tutor = tutorbot.bot.tutor  # type: ignore[attr-defined]
    channel = guild.text_channels[1]
    await tutor.configure(Who(guild.id, boss.user.id, "mia", is_manager=True), daily_channel_id=channel.id)
    await tutor.configure(Who(guild.id, boss.user.id, "mia", is_manager=True), daily_enabled=True)
    await score(tutor, Who(guild.id, ana.user.id, "ana"), 2, 0)
    cog = tutorbot.bot.get_cog("Seasons")  # type: ignore[attr-defined]
    await cog.tick()
    clock.advance(timedelta(days=7))
    await cog.tick()
    await cog.tick()
    posted = [m for m in fake.messages_in(channel) if m.embeds and "Season over" in m.embeds[0]["title"]]
    assert len(posted) == 1
    fields = {f["name"]: f["value"] for f in posted[0].embeds[0]["fields"]}
    assert posted[0].embeds[0]["title"] == "Season over: Week of 2 Mar 2026"
    assert fields["Top members"] == "🥇 ana: 6 points"
    (shown,) = await (await fake.slash(ana, "leaderboard", season=1)).wait_followups()
    assert "Week of 2 Mar 2026" in shown.content and "ana" in shown.content
