"""/ask, its buttons, mention replies, DMs and the cooldown, over the fake Discord."""

from __future__ import annotations

import pytest

from bot.wording import FOLLOW_UP_NOTE
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember

pytestmark = pytest.mark.e2e

QUESTION = "What is the maximum size of an S3 object?"


async def ask(fake: FakeDiscord, member: FakeMember, question: str, **options: object) -> dict:
    interaction = await fake.slash(member, "ask", question=question, **options)
    (reply,) = await interaction.wait_followups()
    return {"interaction": interaction, "reply": reply}


async def test_ask_answers_with_citations(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    asked = await ask(fake, ana, QUESTION)
    reply = asked["reply"]
    embed = reply.embeds[0]
    assert embed["title"] == QUESTION
    assert embed["description"] and "S3" in embed["description"]
    assert embed["fields"][0]["name"] == "Sources" and ".md" in embed["fields"][0]["value"]
    assert not reply.ephemeral
    labels = [b["label"] for b in reply.buttons()]
    assert labels == ["Show passage", "Quiz me on this topic", "Helpful", "Not helpful"]


async def test_private_ask_is_ephemeral(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    interaction = await fake.slash(ana, "ask", question=QUESTION, private=True)
    assert (await interaction.wait_response()).ephemeral
    (reply,) = await interaction.wait_followups()
    assert reply.ephemeral


async def test_question_not_in_notes_is_declined(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    reply = (await ask(fake, ana, "What is the best recipe for chocolate cake?"))["reply"]
    assert "Sources" not in [f["name"] for f in reply.embeds[0].get("fields", [])]
    assert [b["label"] for b in reply.buttons()] == ["Helpful", "Not helpful"]


async def test_blank_question_gets_a_friendly_reply(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    reply = (await ask(fake, ana, "   "))["reply"]
    text = reply.embeds[0]["description"] if reply.embeds else reply.content
    assert text and "error" not in text.lower()


async def test_show_passage_is_private_and_bounded(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    reply = (await ask(fake, ana, QUESTION))["reply"]
    click = await fake.click(ana, reply, "Show passage")
    shown = await click.wait_response()
    assert shown.ephemeral
    assert 0 < len(shown.embeds[0]["description"]) <= 1500


async def test_feedback_is_one_vote_per_member_and_answer_which_they_may_change(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    reply = (await ask(fake, ana, QUESTION))["reply"]
    for label in ["Helpful"] * 14 + ["Not helpful"]:
        thanks = await (await fake.click(ana, reply, label)).wait_response()
        assert thanks.ephemeral and "Thanks" in thanks.content
    summary = await tutorbot.bot.tutor.repos.feedback.summary()  # type: ignore[attr-defined]
    assert (summary.helpful, summary.unhelpful) == (0, 1)


async def test_quiz_me_on_this_topic_starts_a_round(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    reply = (await ask(fake, ana, QUESTION))["reply"]
    started = await (await fake.click(ana, reply, "Quiz me on this topic")).wait_response()
    assert started.ephemeral and started.embeds[0]["title"].startswith("Quiz 1/")


async def test_mention_reply_pings_nobody(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, tutorbot: BotRunner
) -> None:
    general = guild.text_channels[0]
    question = await fake.mention(ana, general, "@everyone what is an S3 bucket?")
    reply = await fake.wait_bot_message(general, after=question)
    assert reply.data["message_reference"]["message_id"] == str(question.id)
    assert "@\u200beveryone" in reply.embeds[0]["title"]
    request = fake.requests.find("POST", "/channels/{channel_id}/messages")[-1]
    assert request.body().allowed_mentions == {"parse": []}


async def test_ask_and_help_work_in_dms_but_group_does_not(
    fake: FakeDiscord, guild: FakeGuild, tutorbot: BotRunner
) -> None:
    loner = fake.add_user("lee")
    reply = (await ask(fake, loner, QUESTION))["reply"]
    assert "S3" in reply.embeds[0]["description"]
    helped = await (await fake.slash(loner, "help")).wait_response()
    assert "/quiz" in helped.embeds[0]["description"]
    refused = await (await fake.slash(loner, "group list")).wait_response()
    assert refused.ephemeral and "only in a server" in refused.content


async def test_ask_cooldown_says_slow_down(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    for _ in range(3):
        await ask(fake, ana, QUESTION)
    fourth = await (await fake.slash(ana, "ask", question=QUESTION)).wait_response()
    assert fourth.ephemeral and "Slow down" in fourth.content


async def test_diagrams_of_the_cited_sections_are_linked_and_shown(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    embed = (await ask(fake, ana, "How do I send SQS messages larger than the size limit?"))["reply"].embeds[0]
    diagrams = next(f for f in embed["fields"] if f["name"] == "Diagrams in the notes")
    assert embed["image"]["url"].startswith("https://") and embed["image"]["url"] in diagrams["value"]
    assert "![" not in embed["description"]


async def test_a_follow_up_by_ask_or_mention_is_read_against_the_same_members_last_question_there(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, tutorbot: BotRunner
) -> None:
    general, quiz = guild.text_channels[0], guild.text_channels[1]
    await ask(fake, ana, QUESTION, channel=general)
    mentioned = await fake.mention(ana, general, "and what about Glacier?")
    embed = (await fake.wait_bot_message(general, after=mentioned)).embeds[0]
    (read_as,) = [f["value"] for f in embed["fields"] if f["name"] == FOLLOW_UP_NOTE]
    assert "Glacier" in read_as and "maximum size" in read_as
    bob = fake.add_member(guild, "bob")
    for member, channel in ((bob, general), (ana, quiz)):  # another member, another channel: nothing to follow
        embed = (await ask(fake, member, "and what about Glacier?", channel=channel))["reply"].embeds[0]
        assert FOLLOW_UP_NOTE not in [f["name"] for f in embed.get("fields", [])]
