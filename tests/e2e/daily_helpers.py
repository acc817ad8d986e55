"""Driving the daily quiz in e2e tests: switch it on, tick the loop, answer a post."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from bot.clock import FrozenClock
from bot.discord.client import TutorBot
from bot.discord.daily import DailyCog
from bot.quiz.item import answer_options
from bot.service.types import Who
from bot.tutor import Tutor
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember
from tests.fake_discord.messages import StoredMessage

POSTS = "/channels/{channel_id}/messages"
UNTIL_POST_TIME = timedelta(hours=3, minutes=1)  # from the tests' 06:00 start to just after the 09:00 post


def tutor_of(runner: BotRunner) -> Tutor:
    return cast(TutorBot, runner.bot).tutor


def daily_cog(runner: BotRunner) -> DailyCog:
    return cast(DailyCog, runner.bot.get_cog("Daily"))


async def tick(runner: BotRunner) -> None:
    await daily_cog(runner).tick()


async def switch_on(runner: BotRunner, guild: FakeGuild, **settings: Any) -> None:
    """The daily quiz on in the guild's second text channel, at 09:00 UTC."""
    manager = Who(guild.id, 1, "lead", is_manager=True)
    await tutor_of(runner).configure(
        manager,
        **{"daily_channel_id": guild.text_channels[1].id, "post_time": "09:00", "daily_enabled": True, **settings},
    )


async def post_daily(fake: FakeDiscord, runner: BotRunner, guild: FakeGuild, clock: FrozenClock) -> StoredMessage:
    clock.advance(UNTIL_POST_TIME)
    await tick(runner)
    return await fake.wait_bot_message(guild.text_channels[1])


def post_id_of(post: StoredMessage) -> int:
    return int(post.buttons()[0]["custom_id"].split(":")[2])


async def answer(fake: FakeDiscord, member: FakeMember, post: StoredMessage, right: bool, runner: BotRunner) -> str:
    """Click (or type) a right or wrong answer; the title of the private verdict, or the reply's text."""
    prompt = (await tutor_of(runner).daily_quiz(post_id_of(post))).prompt
    if options := answer_options(prompt):
        index = options.index(prompt.answer)
        index = index if right else (index + 1) % len(options)
        clicked = await fake.click(member, post, post.buttons()[index]["custom_id"])
    else:
        opened = await fake.click(member, post, "Answer")
        clicked = await fake.submit_modal(member, opened, {"tutor:daily:text": prompt.answer if right else "zzz"})
    reply = await clicked.wait_response()
    assert reply.ephemeral
    return reply.embeds[0]["title"] if reply.embeds else reply.content


def bot_posts(fake: FakeDiscord, channel_id: int) -> list[StoredMessage]:
    """The bot's messages in a channel, oldest first."""
    return [m for m in fake.store.messages.values() if m.channel_id == channel_id and m.author_id == fake.bot_user.id]
