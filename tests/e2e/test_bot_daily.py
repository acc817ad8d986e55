"""The daily quiz from post to reveal, across a restart and a rate limit, over the fake Discord."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import FrozenClock
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember

from .daily_helpers import POSTS, answer, post_daily, post_id_of, switch_on, tick, tutor_of
from .tutor_fixtures import LaunchBot

pytestmark = pytest.mark.e2e


async def test_daily_quiz_from_post_to_reveal(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, ana: FakeMember, boss: FakeMember, tutorbot: BotRunner
) -> None:
    sam = fake.add_member(guild, "sam")
    await switch_on(tutorbot, guild)
    post = await post_daily(fake, tutorbot, guild, clock)
    assert post.embeds[0]["title"].startswith("Daily quiz") and post.buttons()
    assert (await answer(fake, ana, post, True, tutorbot)).startswith("Correct!")
    assert (await answer(fake, boss, post, False, tutorbot)).startswith("Not quite.")
    assert (await answer(fake, sam, post, True, tutorbot)).startswith("Correct!")
    assert "already answered" in await answer(fake, ana, post, False, tutorbot)
    clock.advance(timedelta(minutes=61))
    await tick(tutorbot)
    reveal = await fake.wait_bot_message(guild.text_channels[1], after=post)
    results = {f["name"]: f["value"] for f in reveal.embeds[0]["fields"]}
    assert results["Results"] == "2 of 3 answered correctly"
    assert fake.message(post.id).buttons() == []
    streak = await (await fake.slash(ana, "streak")).wait_response()
    assert "1-day streak" in streak.content
    board = await tutorbot.bot.tutor.leaderboard(guild.id, "week")  # type: ignore[attr-defined]
    assert [row.name for row in board.rows][:2] == ["ana", "sam"] or [row.name for row in board.rows][:2] == [
        "sam",
        "ana",
    ]
    late = await answer(fake, boss, post, True, tutorbot) if fake.message(post.id).buttons() else "closed"
    assert late == "closed"


async def test_old_daily_button_works_after_restart_and_nothing_is_posted_twice(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, ana: FakeMember, boss: FakeMember, launch: LaunchBot
) -> None:
    first = await launch()
    await switch_on(first, guild)
    post = await post_daily(fake, first, guild, clock)
    await first.stop()
    second = await launch()
    await tick(second)
    assert (await answer(fake, ana, post, True, second)).startswith("Correct!")
    posted = [r for r in fake.requests.find("POST", POSTS) if r.status == 200]
    assert len(posted) == 1


async def test_rate_limited_daily_post_is_retried_once(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, tutorbot: BotRunner
) -> None:
    await switch_on(tutorbot, guild)
    fake.fail_next("POST", POSTS, status=429, retry_after=0.01)
    await post_daily(fake, tutorbot, guild, clock)
    await tick(tutorbot)
    assert [r.status for r in fake.requests.find("POST", POSTS)] == [429, 200]


async def test_a_true_false_daily_post_is_answered_with_true_and_false_buttons_once_each(
    fake: FakeDiscord,
    guild: FakeGuild,
    clock: FrozenClock,
    ana: FakeMember,
    boss: FakeMember,
    statements_bot: BotRunner,
) -> None:
    await switch_on(statements_bot, guild)
    post = await post_daily(fake, statements_bot, guild, clock)
    assert [b["label"] for b in post.buttons()] == ["True", "False", "Report"]
    statement = (await tutor_of(statements_bot).daily_quiz(post_id_of(post))).prompt
    assert statement.kind == "true_false" and statement.answer in ("True", "False")
    wrong = "False" if statement.answer == "True" else "True"

    right_click = await (await fake.click(ana, post, statement.answer)).wait_response()
    assert right_click.ephemeral and right_click.embeds[0]["title"].startswith("Correct!")
    assert f"**Answer:** {statement.answer}" in right_click.embeds[0]["description"]
    wrong_click = await (await fake.click(boss, post, wrong)).wait_response()
    assert wrong_click.ephemeral and wrong_click.embeds[0]["title"].startswith("Not quite.")
    again = await (await fake.click(ana, post, wrong)).wait_response()
    assert again.ephemeral and "already answered" in again.content
    results = await tutor_of(statements_bot).repos.daily.results(post_id_of(post))
    assert (results.answered, results.correct) == (2, 1)
