"""The fake Discord carries a real discord.py bot end to end: login, commands, components, faults."""

from __future__ import annotations

import discord
import pytest
import pytest_asyncio

from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember, running_bot

from .conftest import StartBot
from .demo_bot import DemoBot

pytestmark = pytest.mark.e2e


@pytest.fixture
def member(fake: FakeDiscord, guild: FakeGuild) -> FakeMember:
    """An ordinary member (no Manage Server)."""
    return fake.add_member(guild, "ana")


@pytest_asyncio.fixture(loop_scope="function")
async def demo(start_bot: StartBot, member: FakeMember) -> BotRunner:
    """The demo bot, running and ready, with its commands synced."""
    return await start_bot(DemoBot())


async def test_login_ready_and_command_sync(fake: FakeDiscord, guild: FakeGuild, start_bot: StartBot) -> None:
    member = fake.add_member(guild, "ana")
    runner = await start_bot(DemoBot())
    bot = runner.bot
    assert bot.user is not None and bot.user.id == fake.bot_user.id
    seen = bot.get_guild(guild.id)
    assert seen is not None and {c.name for c in seen.text_channels} == {"general", "quiz"}
    assert fake.requests.find("GET", "/users/@me") and fake.requests.find("GET", "/oauth2/applications/@me")
    assert {c["name"] for c in fake.store.global_commands} == {"ask", "quiz", "feedback", "announce", "admin", "later"}
    assert fake.gateway.identifies == 1
    assert member.id in guild.members


async def test_slash_command_with_options_and_ephemeral_reply(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner
) -> None:
    interaction = await fake.slash(member, "ask", question="What is S3 <@1>?", topic="storage", private=True)
    reply = await interaction.wait_response()
    assert reply.type == 4
    assert reply.content == "Q: What is S3 <@1>? [storage]"
    assert reply.ephemeral
    assert reply.allowed_mentions == {"parse": []}
    assert [b["custom_id"] for b in reply.buttons()] == ["demo:answer:a", "demo:answer:b"]
    assert interaction.original is not None and interaction.original.ephemeral


async def test_public_reply_reaches_the_channel(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner
) -> None:
    quiz_channel = guild.text_channels[1]
    interaction = await fake.slash(member, "ask", channel=quiz_channel, question="Why?", topic="compute")
    reply = await interaction.wait_response()
    assert not reply.ephemeral
    assert [m.content for m in fake.messages_in(quiz_channel)] == ["Q: Why? [compute]"]


async def test_unknown_or_missing_options_are_refused_before_sending(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner
) -> None:
    with pytest.raises(ValueError, match="missing required"):
        await fake.slash(member, "ask", question="Why?")
    with pytest.raises(ValueError, match="unknown option"):
        await fake.slash(member, "ask", question="Why?", topic="x", colour="red")
    with pytest.raises(LookupError, match="not registered"):
        await fake.slash(member, "nope")


async def test_autocomplete_returns_the_bots_choices(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner
) -> None:
    choices = await fake.autocomplete(member, "ask", "topic", question="Why?", topic="s")
    assert [c["value"] for c in choices] == ["storage", "security", "serverless"]


async def test_permission_check_uses_member_roles(fake: FakeDiscord, guild: FakeGuild, start_bot: StartBot) -> None:
    manager = fake.add_member(guild, "mia", manage_guild=True)
    student = fake.add_member(guild, "sam")
    await start_bot(DemoBot())
    allowed = await (await fake.slash(manager, "admin")).wait_response()
    denied = await (await fake.slash(student, "admin")).wait_response()
    assert (allowed.content, denied.content) == ("Admin ok", "Not allowed")


async def test_subcommand_defer_followup_with_file_and_edit_original(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner
) -> None:
    quiz_channel = guild.text_channels[1]
    interaction = await fake.slash(member, "quiz start", count=3, where=quiz_channel)
    assert (await interaction.wait_response()).type == 5
    (followup,) = await interaction.wait_followups()
    assert followup.content == f"Quiz of 3 {quiz_channel.mention}"
    assert [a["filename"] for a in followup.attachments] == ["card.png"]
    assert followup.files[0].data == b"\x89PNG fake"
    original = await interaction.wait_original_edit()
    assert original.content == "Quiz ready" and not original.flags & 128


async def test_button_on_persistent_view_edits_the_message(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner
) -> None:
    posted = await (await fake.slash(member, "announce", text="Exam on Friday")).wait_response()
    assert posted.ephemeral
    (announcement,) = [m for m in fake.messages_in(guild.text_channels[0]) if not m.ephemeral]
    assert announcement.content == "Exam on Friday (edited)" and announcement.edits == 1
    click = await fake.click(member, announcement, "Ping")
    assert (await click.wait_response()).type == 7
    assert fake.message(announcement.id).content == "pong"
    chosen = await fake.select(member, announcement, "demo:topic", ["security"])
    assert (await chosen.wait_response()).content == "Topic security"


async def test_dynamic_button_still_works_after_a_restart(
    fake: FakeDiscord, guild: FakeGuild, start_bot: StartBot
) -> None:
    member = fake.add_member(guild, "ana")
    first = await start_bot(DemoBot())
    asked = await fake.slash(member, "ask", question="Why?", topic="compute")
    await asked.wait_response()
    await first.stop()
    await start_bot(DemoBot())
    assert asked.original is not None
    click = await fake.click(member, asked.original, "Pick b")
    reply = await click.wait_response()
    assert (reply.content, reply.ephemeral) == ("You picked b", True)
    assert fake.gateway.identifies == 2


async def test_modal_submit(fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner) -> None:
    opened = await fake.slash(member, "feedback")
    assert (await opened.wait_response()).type == 9
    submitted = await fake.submit_modal(member, opened, {"feedback:text": "more quizzes"})
    assert (await submitted.wait_response()).content == "Thanks: more quizzes"


async def test_mention_gets_a_reply_without_pings(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner
) -> None:
    general = guild.text_channels[0]
    question = await fake.mention(member, general, "hello there")
    reply = await fake.wait_bot_message(general, after=question)
    assert reply.content == "You said: hello there"
    assert reply.data["message_reference"]["message_id"] == str(question.id)
    (request,) = fake.requests.find("POST", "/channels/{channel_id}/messages")
    assert request.body().allowed_mentions == {"parse": []}


async def test_rate_limited_request_is_retried(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner
) -> None:
    fake.fail_next("POST", "/channels/{channel_id}/messages", status=429, retry_after=0.01)
    question = await fake.mention(member, guild.text_channels[0], "hi")
    reply = await fake.wait_bot_message(guild.text_channels[0], after=question)
    attempts = fake.requests.find("POST", "/channels/{channel_id}/messages")
    assert [r.status for r in attempts] == [429, 200]
    assert attempts[0].json == attempts[1].json and reply.content == "You said: hi"


async def test_server_error_is_retried(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner
) -> None:
    """The one 5xx test: discord.py sleeps a second before it retries."""
    fake.fail_next("POST", "/webhooks/{application_id}/{token}", status=500)
    interaction = await fake.slash(member, "quiz start", count=1)
    await interaction.wait_original_edit(timeout=10)
    attempts = fake.requests.find("POST", "/webhooks/{application_id}/{token}")
    assert [r.status for r in attempts] == [500, 200]


async def test_slow_response_still_completes(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner
) -> None:
    fake.fail_next("POST", "/interactions/{interaction_id}/{token}/callback", status=None, delay=0.2)
    interaction = await fake.slash(member, "ask", question="Why?", topic="compute")
    assert (await interaction.wait_response()).content == "Q: Why? [compute]"


@pytest.mark.parametrize("drop", ["close-4000", "close-1001", "close-1000", "op-7-reconnect"])
async def test_gateway_drop_resumes_and_interactions_keep_working(
    fake: FakeDiscord, guild: FakeGuild, member: FakeMember, demo: BotRunner, drop: str
) -> None:
    if drop == "op-7-reconnect":
        await fake.request_reconnect()
    else:
        await fake.drop_gateway(int(drop.removeprefix("close-")))
    # Sent at once: if the client is still reconnecting, the event is replayed after RESUME.
    interaction = await fake.slash(member, "ask", question="Still there?", topic="compute")
    await fake.wait_resumed()
    assert (await interaction.wait_response()).content == "Q: Still there? [compute]"
    assert (fake.gateway.identifies, fake.gateway.resumes) == (1, 1)


async def test_direct_message_reply_opens_a_dm_channel(
    fake: FakeDiscord, guild: FakeGuild, start_bot: StartBot
) -> None:
    loner = fake.add_user("lee")
    await start_bot(DemoBot())
    sent = await fake.dm(loner, "help")
    reply = await fake.wait_bot_message(fake.dm_channel(loner), after=sent)
    assert reply.content == "Got your DM: help"
    assert fake.requests.find("POST", "/users/@me/channels")[0].json == {"recipient_id": loner.id}


async def test_errors_logged_by_the_bot_fail_the_run(fake: FakeDiscord, guild: FakeGuild) -> None:
    member = fake.add_member(guild, "ana")
    with pytest.raises(AssertionError, match="the bot logged errors"):
        async with running_bot(fake, DemoBot()) as runner:
            fake.fail_next("POST", "/interactions/{interaction_id}/{token}/callback", status=403)
            await fake.slash(member, "feedback")
            record = await runner.wait_for_error()
            assert "feedback" in record.getMessage()
    assert discord.http.Route.BASE == "https://discord.com/api/v10"  # the patch is undone
