"""The daily quiz under ordinary faults, over the fake Discord: nothing lost, nothing posted or revealed twice."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

import bot.discord.in_time as in_time_module
from bot.clock import FrozenClock
from bot.errors import StorageUnavailable
from bot.service.daily import CLAIM_LEASE
from tests.conftest import with_prompts
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember
from tests.fake_discord.messages import StoredMessage
from tests.storage.faults import commit_ack_lost

from .daily_helpers import (
    POSTS,
    UNTIL_POST_TIME,
    answer,
    bot_posts,
    daily_cog,
    post_daily,
    post_id_of,
    switch_on,
    tick,
    tutor_of,
)
from .tutor_fixtures import LaunchBot

pytestmark = pytest.mark.e2e

REVEAL_DELAY = timedelta(minutes=61)


def reveals(fake: FakeDiscord, channel_id: int) -> list[StoredMessage]:
    return [m for m in bot_posts(fake, channel_id) if m.embeds and m.embeds[0]["title"] == "Daily quiz: the answer"]


def owner_dms(fake: FakeDiscord) -> list[StoredMessage]:
    return fake.messages_in(fake.dm_channel(fake.store.owner))


@pytest.mark.parametrize("stored_by_discord", [True, False], ids=["sent-then-crash", "crash-before-send"])
async def test_a_post_cut_short_by_a_crash_is_posted_once_and_revealed_after_a_restart(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, launch: LaunchBot, stored_by_discord: bool
) -> None:
    channel = guild.text_channels[1]
    first = await launch()
    await switch_on(first, guild)
    slow = fake.fail_next("POST", POSTS, status=None if stored_by_discord else 500, delay=0.3)
    clock.advance(UNTIL_POST_TIME)
    ticking = asyncio.create_task(tick(first))
    await slow.applied.wait()
    ticking.cancel()  # the process dies between claiming and recording the message
    if stored_by_discord:
        await fake.wait_bot_message(channel)
    await first.stop()
    second = await launch()
    await tick(second)  # the lapsed process's claim still holds
    assert len(bot_posts(fake, channel.id)) == int(stored_by_discord)
    clock.advance(CLAIM_LEASE)
    await tick(second)
    (post,) = bot_posts(fake, channel.id)
    assert post.buttons()
    clock.advance(REVEAL_DELAY)
    await tick(second)
    (reveal,) = reveals(fake, channel.id)
    assert reveal.data["message_reference"]["message_id"] == str(post.id)
    assert fake.message(post.id).buttons() == []


async def test_a_message_id_the_database_refused_is_recorded_later_and_the_next_server_still_posts(
    fake: FakeDiscord, clock: FrozenClock, launch: LaunchBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = fake.add_guild("One", channels=("general", "quiz")), fake.add_guild("Two", channels=("g", "q"))
    runner = await launch()
    for guild in (first, second):
        await switch_on(runner, guild)
    daily = tutor_of(runner).repos.daily
    real_set = daily.set_message_id
    refusals = 2

    async def busy_then_fine(post_id: int, message_id: int) -> None:
        nonlocal refusals
        if refusals:
            refusals -= 1
            raise StorageUnavailable("The database is busy (locked by another process); please try again shortly.")
        await real_set(post_id, message_id)

    monkeypatch.setattr(daily, "set_message_id", busy_then_fine)
    clock.advance(UNTIL_POST_TIME)
    await tick(runner)
    assert [len(bot_posts(fake, g.text_channels[1].id)) for g in (first, second)] == [1, 1]
    await tick(runner)  # the first server's id is recorded now
    clock.advance(REVEAL_DELAY)
    await tick(runner)
    assert [len(reveals(fake, g.text_channels[1].id)) for g in (first, second)] == [1, 1]
    assert [len(bot_posts(fake, g.text_channels[1].id)) for g in (first, second)] == [2, 2]


async def test_the_reveal_of_a_deleted_post_is_sent_without_a_reply(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, ana: FakeMember, tutorbot: BotRunner
) -> None:
    await switch_on(tutorbot, guild)
    post = await post_daily(fake, tutorbot, guild, clock)
    assert (await answer(fake, ana, post, True, tutorbot)).startswith("Correct!")
    await fake.delete_message(post)
    clock.advance(REVEAL_DELAY)
    await tick(tutorbot)
    (reveal,) = reveals(fake, guild.text_channels[1].id)
    assert "message_reference" not in reveal.data
    fields = {f["name"]: f["value"] for f in reveal.embeds[0]["fields"]}
    assert fields["Results"] == "1 of 1 answered correctly"
    assert (await tutor_of(tutorbot).daily_quiz(post_id_of(post))).post.state == "revealed"


async def test_a_notes_rebuild_keeps_the_days_question_answerable_and_revealed(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, ana: FakeMember, tutorbot: BotRunner
) -> None:
    await switch_on(tutorbot, guild)
    post = await post_daily(fake, tutorbot, guild, clock)
    tutor = tutor_of(tutorbot)
    posted = (await tutor.daily_quiz(post_id_of(post))).prompt
    kept = [replace(p, question="rebuilt: " + p.question) for p in tutor.notes.default.prompts.values()]
    tutor.notes.default = with_prompts(tutor.notes.default, [p for p in kept if p.id != posted.id])
    assert (await answer(fake, ana, post, True, tutorbot)).startswith("Correct!")
    clock.advance(REVEAL_DELAY)
    await tick(tutorbot)
    (reveal,) = reveals(fake, guild.text_channels[1].id)
    assert posted.question in reveal.embeds[0]["description"]
    assert fake.message(post.id).buttons() == []


async def test_one_servers_refused_reveal_never_costs_another_its_reveal(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, boss: FakeMember, launch: LaunchBot
) -> None:
    other = fake.add_guild("Other", channels=("general", "quiz"))
    runner = await launch()
    for server in (guild, other):
        await switch_on(runner, server)
    clock.advance(UNTIL_POST_TIME)
    await tick(runner)
    fake.deny_bot(guild.text_channels[1])
    clock.advance(REVEAL_DELAY)
    await tick(runner)
    assert len(reveals(fake, other.text_channels[1].id)) == 1
    for _ in range(60):  # an hour of ticks: the refused reveal backs off, then the day is given up
        clock.advance(timedelta(minutes=1))
        await tick(runner)
    refused = fake.requests.find("POST", POSTS, lambda r: r.status == 403)
    assert len(refused) == 4
    (notice,) = owner_dms(fake)
    assert "Study Hall" in notice.content and "may not post" in notice.content
    shown = await (await fake.slash(boss, "config")).wait_response()
    assert "may not post" in {f["name"]: f["value"] for f in shown.embeds[0]["fields"]}["Problem"]


@pytest.mark.parametrize("fault", ["permission-removed", "channel-deleted"])
async def test_a_daily_channel_the_bot_cannot_post_in_backs_off_stops_for_the_day_and_tells_the_owner_once(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, boss: FakeMember, tutorbot: BotRunner, fault: str
) -> None:
    channel = guild.text_channels[1]
    await switch_on(tutorbot, guild)
    if fault == "permission-removed":
        fake.deny_bot(channel)
    else:
        await fake.delete_channel(channel)
    clock.advance(UNTIL_POST_TIME)
    for _ in range(2):  # two days of ticks every 20 minutes
        for _ in range(72):
            await tick(tutorbot)
            clock.advance(timedelta(minutes=20))
    attempts = fake.requests.find("POST", POSTS, lambda r: r.params["channel_id"] == str(channel.id))
    assert len(attempts) == (8 if fault == "permission-removed" else 0)  # 4 a day, then it stops
    (notice,) = owner_dms(fake)
    assert "stopped for today" in notice.content
    shown = await (await fake.slash(boss, "config")).wait_response()
    assert "Problem" in {f["name"] for f in shown.embeds[0]["fields"]}
    if fault == "permission-removed":
        fake.deny_bot(channel, denied=False)
        clock.advance(timedelta(days=1))
        await tick(tutorbot)
        assert len(bot_posts(fake, channel.id)) == 1
        shown = await (await fake.slash(boss, "config")).wait_response()
        assert "Problem" not in {f["name"] for f in shown.embeds[0]["fields"]}


@pytest.mark.parametrize("fault", ["commit-ack-lost", "message-failed", "crash-before-message"])
async def test_the_owner_is_told_once_though_the_problem_record_or_the_message_fails(
    fake: FakeDiscord,
    guild: FakeGuild,
    clock: FrozenClock,
    launch: LaunchBot,
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
) -> None:
    runner = await launch()
    await switch_on(runner, guild)
    fake.deny_bot(guild.text_channels[1])
    clock.advance(UNTIL_POST_TIME)
    if fault == "message-failed":
        fake.fail_next("POST", f"/channels/{fake.dm_channel(fake.store.owner).id}/messages", status=503)
    if fault == "crash-before-message":
        monkeypatch.setattr(daily_cog(runner), "_tell_managers", crash)
    with commit_ack_lost(tutor_of(runner).db, monkeypatch, "daily_problems", times=int(fault == "commit-ack-lost")):
        for _ in range(6):  # two hours of ticks: 4 refused attempts, then the day is given up
            await tick_quietly(runner)
            clock.advance(timedelta(minutes=20))
    if fault == "crash-before-message":
        await runner.stop()
        runner = await launch()
    for _ in range(3):
        await tick(runner)
        clock.advance(timedelta(minutes=20))
    (notice,) = owner_dms(fake)
    assert "stopped for today" in notice.content


async def crash(*_args: object) -> None:
    raise asyncio.CancelledError  # the process dies before the owner's message is sent


async def tick_quietly(runner: BotRunner) -> None:
    """A tick that a crash may cut short."""
    with contextlib.suppress(asyncio.CancelledError):
        await tick(runner)


async def test_sigterm_during_a_slow_daily_post_lets_it_finish_and_record_it(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, open_tutor: Any, default_settings: Any
) -> None:
    import os
    import signal

    from bot.discord.client import TutorBot
    from bot.discord.running import serve

    tutor = await open_tutor()
    bot = TutorBot(default_settings.changed(discord={"loop_seconds": 3600}), tutor=tutor, guild_ready_timeout=0.05)
    with fake.patched_discord():
        serving = asyncio.create_task(serve(bot, fake.token))
        await asyncio.wait_for(bot.wait_until_ready(), 5)
        runner = BotRunner(bot, serving, None)  # type: ignore[arg-type]
        await switch_on(runner, guild)
        slow = fake.fail_next("POST", POSTS, status=None, delay=0.5)
        clock.advance(UNTIL_POST_TIME)
        ticking = asyncio.create_task(tick(runner))
        await slow.applied.wait()
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(serving, 15)
        await ticking
    assert bot.is_closed()
    (post,) = bot_posts(fake, guild.text_channels[1].id)
    claimed = await tutor.repos.daily.get(post_id_of(post))
    assert claimed is not None and claimed.message_id == post.id
    assert await tutor.due_daily_servers() == []


async def test_an_answer_slowed_by_the_database_is_deferred_and_still_reaches_the_member(
    fake: FakeDiscord,
    guild: FakeGuild,
    clock: FrozenClock,
    ana: FakeMember,
    tutorbot: BotRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await switch_on(tutorbot, guild)
    post = await post_daily(fake, tutorbot, guild, clock)
    tutor = tutor_of(tutorbot)
    real_answer, release = tutor.answer_daily, asyncio.Event()

    async def slow_answer(*args: Any, **kwargs: Any) -> Any:
        await release.wait()
        return await real_answer(*args, **kwargs)

    monkeypatch.setattr(tutor, "answer_daily", slow_answer)
    monkeypatch.setattr(in_time_module, "DEFER_AFTER_SECONDS", 0.05)
    record = await fake.click(ana, post, post.buttons()[0]["custom_id"])
    if (await record.wait_response()).type == 9:  # a typed answer: the box opens at once
        record = await fake.submit_modal(ana, record, {"tutor:daily:text": "an answer"})
    deferred = await record.wait_response()
    assert deferred.type == 5 and deferred.ephemeral
    fake.elapse(60)  # the database takes far longer than Discord's 3 s
    release.set()
    (verdict,) = await record.wait_followups()
    assert verdict.ephemeral and verdict.embeds[0]["title"].startswith(("Correct!", "Not quite."))
