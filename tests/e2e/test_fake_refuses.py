"""The fake Discord refuses what Discord refuses, so fault tests fail for the right reason."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

import discord
import pytest

from tests.fake_discord import MANAGE_ROLES, BotRunner, FakeDiscord, FakeGuild, FakeMember

from .conftest import StartBot
from .demo_bot import DemoBot

pytestmark = pytest.mark.e2e

POSTS = "/channels/{channel_id}/messages"
CALLBACK = "/interactions/{interaction_id}/{token}/callback"
FOLLOWUP = "/webhooks/{application_id}/{token}"


@pytest.fixture
def member(fake: FakeDiscord, guild: FakeGuild) -> FakeMember:
    return fake.add_member(guild, "ana")


def text_channel(runner: BotRunner, guild: FakeGuild) -> discord.TextChannel:
    channel = runner.bot.get_channel(guild.text_channels[0].id)
    assert isinstance(channel, discord.TextChannel)
    return channel


async def test_a_reply_to_a_deleted_message_is_refused_unless_told_not_to_fail(
    fake: FakeDiscord, guild: FakeGuild, start_bot: StartBot
) -> None:
    runner = await start_bot(DemoBot())
    channel = text_channel(runner, guild)
    original = await channel.send("question")
    await fake.delete_message(fake.message(original.id))
    with pytest.raises(discord.HTTPException) as refused:
        await channel.send("answer", reference=original)
    assert (refused.value.status, refused.value.code) == (400, 50035)
    sent = await channel.send("answer", reference=original.to_reference(fail_if_not_exists=False))
    assert "message_reference" not in fake.message(sent.id).data


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://example.com/a.png", True),
        ("attachment://card.png", True),
        ("images/diagram.png", False),
        ("file:///etc/passwd", False),
        ("data:image/png;base64,AAAA", False),
        ("https://", False),
    ],
)
async def test_embed_image_urls_must_be_http_or_attachments(
    fake: FakeDiscord, guild: FakeGuild, start_bot: StartBot, url: str, accepted: bool
) -> None:
    channel = text_channel(await start_bot(DemoBot()), guild)
    embed = discord.Embed(title="t").set_image(url=url)
    if accepted:
        await channel.send(embed=embed)
    else:
        with pytest.raises(discord.HTTPException) as refused:
            await channel.send(embed=embed)
        assert refused.value.status == 400 and "image" in str(fake.requests.find("POST", POSTS)[-1].response)


async def test_embeds_over_discords_limits_are_refused(
    fake: FakeDiscord, guild: FakeGuild, start_bot: StartBot
) -> None:
    channel = text_channel(await start_bot(DemoBot()), guild)
    too_big = [discord.Embed(description="x" * 4000), discord.Embed(description="y" * 2500)]  # 6,500 in all
    with pytest.raises(discord.HTTPException) as refused:
        await channel.send(embeds=too_big)
    assert refused.value.status == 400


async def test_an_interaction_answered_after_3_seconds_without_a_defer_is_unknown(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, start_bot: StartBot
) -> None:
    runner = await start_bot(DemoBot(), allow_errors=True)
    bot = runner.bot
    assert isinstance(bot, DemoBot)
    interaction = await fake.slash(member, "later")
    await bot.waiting.wait()
    fake.elapse(3.5)
    bot.release.set()
    (late,) = await fake.requests.wait_for("POST", CALLBACK)
    assert (late.status, late.response["code"]) == (404, 10062)
    assert interaction.callback is None


async def test_autocomplete_with_more_than_25_choices_is_refused(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, start_bot: StartBot
) -> None:
    await start_bot(DemoBot(), allow_errors=True)
    assert len(await fake.autocomplete(member, "ask", "topic", question="Why?", topic="")) <= 25
    typing = asyncio.create_task(fake.autocomplete(member, "ask", "topic", question="Why?", topic="*"))
    try:
        refused = (await fake.requests.wait_for("POST", CALLBACK, count=2))[-1]
        assert (refused.status, refused.response["code"]) == (400, 50035)
        assert "choices" in refused.response["errors"]["data"]
    finally:
        typing.cancel()


async def test_a_followup_after_the_token_expired_is_refused(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, start_bot: StartBot
) -> None:
    runner = await start_bot(DemoBot(), allow_errors=True)
    bot = runner.bot
    assert isinstance(bot, DemoBot)
    interaction = await fake.slash(member, "later", defer=True)
    await bot.waiting.wait()
    assert (await interaction.wait_response()).type == 5
    fake.elapse(15 * 60 + 1)
    bot.release.set()
    (late,) = await fake.requests.wait_for("POST", FOLLOWUP)
    assert (late.status, late.response["code"]) == (401, 50027)
    assert interaction.followups == []


async def test_a_deferred_interaction_may_follow_up_within_15_minutes(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, start_bot: StartBot
) -> None:
    runner = await start_bot(DemoBot())
    bot = runner.bot
    assert isinstance(bot, DemoBot)
    interaction = await fake.slash(member, "later", defer=True)
    await bot.waiting.wait()
    fake.elapse(14 * 60)
    bot.release.set()
    assert (await interaction.wait_followups())[0].content == "done"


async def test_a_channel_the_bot_may_not_post_in_refuses_with_403_and_a_deleted_one_with_404(
    fake: FakeDiscord, guild: FakeGuild, start_bot: StartBot
) -> None:
    runner = await start_bot(DemoBot())
    first, second = guild.text_channels
    fake.deny_bot(first)
    with pytest.raises(discord.Forbidden):
        await text_channel(runner, guild).send("hello")
    target = runner.bot.get_channel(second.id)
    assert isinstance(target, discord.TextChannel)
    await fake.delete_channel(second)
    with pytest.raises(discord.NotFound):
        await target.send("hello")


async def test_channel_history_is_newest_first_and_pages_after_a_message(
    fake: FakeDiscord, guild: FakeGuild, start_bot: StartBot
) -> None:
    channel = text_channel(await start_bot(DemoBot()), guild)
    sent = [await channel.send(str(n)) for n in range(5)]
    assert [m.content for m in [m async for m in channel.history(limit=3)]] == ["4", "3", "2"]
    assert [m.content async for m in channel.history(after=sent[1], limit=10)] == ["2", "3", "4"]


async def test_role_changes_need_manage_roles_and_a_highest_role_above_the_role(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, start_bot: StartBot
) -> None:
    low = fake.add_role(guild, "Streak 7")
    bot_role = fake.add_role(guild, "tutorbot", permissions=MANAGE_ROLES)
    high = fake.add_role(guild, "Champion")
    http = (await start_bot(DemoBot())).bot.http

    async def refused(call: Awaitable[object]) -> tuple[int, int]:
        with pytest.raises(discord.HTTPException) as error:
            await call
        return error.value.status, error.value.code

    assert await refused(http.add_role(guild.id, member.id, low.id)) == (403, 50013)  # no Manage Roles yet
    fake.give_role(fake.bot_member(guild), bot_role)
    await http.add_role(guild.id, member.id, low.id)
    assert low in member.roles
    assert await refused(http.add_role(guild.id, member.id, high.id)) == (403, 50013)  # above the bot's role
    assert await refused(http.remove_role(guild.id, member.id, bot_role.id)) == (403, 50013)  # its own level
    await http.remove_role(guild.id, member.id, low.id)
    assert low not in member.roles
    assert await refused(http.add_role(guild.id, member.id, 12345)) == (404, 10011)
    assert await refused(http.add_role(guild.id, 12345, low.id)) == (404, 10007)
