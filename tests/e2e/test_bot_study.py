"""/quiz, /review, progress, groups, config and help over the fake Discord."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.clock import FrozenClock
from bot.quiz.item import QuizItem, answer_options
from bot.service.types import Who
from tests.e2e.tutor_fixtures import LaunchBot
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember, InteractionRecord, StoredMessage

pytestmark = pytest.mark.e2e


def round_prompt(runner: BotRunner, title: str, question: str) -> QuizItem:
    """The prompt a quiz message shows (found by its question text)."""
    return next(p for p in runner.bot.tutor.notes.default.prompts.values() if p.question == question)  # type: ignore[attr-defined]


async def test_quiz_answers_by_button_and_by_modal(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    started = await fake.slash(ana, "quiz", length=4)
    current = await started.wait_response()
    assert current.ephemeral
    message = started.original
    seen_button = seen_modal = False
    for number in range(1, 5):
        embed = fake.message(message.id).embeds[-1]
        assert embed["title"] == f"Quiz {number}/4"
        prompt = round_prompt(tutorbot, embed["title"], embed["description"])
        if answer_options(prompt):
            answered = await fake.click(ana, message, _label(prompt.answer))
            seen_button = True
        else:
            opened = await fake.click(ana, message, "Answer")
            answered = await fake.submit_modal(ana, opened, {"tutor:answer:text": prompt.answer})
            seen_modal = True
        result = await answered.wait_response()
        assert result.type == 7
        verdict = fake.message(message.id).embeds[0]
        assert verdict["title"].startswith("Correct!")
        assert any(f["name"] == "Source" and prompt.source in f["value"] for f in verdict["fields"])
    final = fake.message(message.id).embeds[-1]
    assert final["title"] == "Round finished" and "4/4" in final["description"]
    assert seen_button or seen_modal


async def test_a_true_false_question_is_answered_with_true_and_false_buttons(
    fake: FakeDiscord, ana: FakeMember, statements_bot: BotRunner
) -> None:
    started = await fake.slash(ana, "quiz", length=1)
    await started.wait_response()
    message = started.original
    assert [b["label"] for b in fake.message(message.id).buttons()] == ["True", "False", "Report"]
    prompt = round_prompt(statements_bot, "", fake.message(message.id).embeds[-1]["description"])
    answered = await fake.click(ana, message, prompt.answer)
    assert (await answered.wait_response()).type == 7
    assert fake.message(message.id).embeds[0]["title"].startswith("Correct!")


def _label(text: str) -> str:
    return text if len(text) <= 80 else text[:79]


async def test_review_with_nothing_due(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    reply = await (await fake.slash(ana, "review")).wait_response()
    assert reply.ephemeral and "Nothing is due" in reply.content


async def test_streak_and_stats_card(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    streak = await (await fake.slash(ana, "streak")).wait_response()
    assert "0-day streak" in streak.content and streak.allowed_mentions == {"parse": []}
    stats = await fake.slash(ana, "stats")
    (card,) = await stats.wait_followups()
    assert [a["filename"] for a in card.attachments] == ["stats.png", "mastery.png"]
    assert all(f.data.startswith(b"\x89PNG") for f in card.files)
    assert card.embeds[0]["title"] == "Stats for ana"
    assert card.embeds[1]["title"] == "Topic mastery" and "study next" not in card.embeds[1]["description"]
    assert "not started" in card.embeds[1]["description"]


async def test_stats_after_a_failed_question_mark_its_topic_0_and_study_next(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    prompt, answered = await _fail_the_question(fake, ana, tutorbot, "quiz")
    assert fake.message(answered.message.id).embeds[0]["title"].startswith("Not quite")
    (card,) = await (await fake.slash(ana, "stats")).wait_followups()
    [marked] = [line for line in card.embeds[1]["description"].splitlines() if "study next" in line]
    assert " 0%" in marked and prompt.topic[:20] in marked


async def test_leaderboard_image_and_text(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    board = await fake.slash(ana, "leaderboard", period="all")
    (reply,) = await board.wait_followups()
    assert reply.content.startswith("```") and reply.content.count("```") == 2
    assert reply.files[0].data.startswith(b"\x89PNG")
    groups = await fake.slash(ana, "leaderboard", scope="groups")
    (group_reply,) = await groups.wait_followups()
    assert [a["filename"] for a in group_reply.attachments] == ["leaderboard.png"]


async def test_group_lifecycle(fake: FakeDiscord, ana: FakeMember, boss: FakeMember, tutorbot: BotRunner) -> None:
    created = await (await fake.slash(ana, "group create", name="Night Owls")).wait_response()
    assert "Night Owls" in created.content
    joined = await (await fake.slash(boss, "group join", name="Night Owls")).wait_response()
    assert "2 members" in joined.content
    listed = await (await fake.slash(ana, "group list")).wait_response()
    assert "Night Owls" in listed.embeds[0]["description"]
    info = await (await fake.slash(ana, "group info", name="Night Owls")).wait_response()
    assert "ana" in info.embeds[0]["fields"][0]["value"] and "mia" in info.embeds[0]["fields"][0]["value"]
    left = await (await fake.slash(boss, "group leave", name="Night Owls")).wait_response()
    assert "left" in left.content
    again = await (await fake.slash(boss, "group leave", name="Night Owls")).wait_response()
    assert again.ephemeral and "not in that group" in again.content


async def test_config_by_manager_and_refused_otherwise(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, boss: FakeMember, tutorbot: BotRunner
) -> None:
    quiz_channel = guild.text_channels[1]
    saved = await (
        await fake.slash(boss, "config", options={"channel": quiz_channel}, post_time="08:30", enabled=True)
    ).wait_response()
    assert saved.ephemeral and saved.embeds[0]["title"] == "Settings saved"
    shown = await (await fake.slash(boss, "config")).wait_response()
    values = {f["name"]: f["value"] for f in shown.embeds[0]["fields"]}
    assert values["Channel"] == quiz_channel.mention and values["Post time"].startswith("08:30")
    refused = await (await fake.slash(ana, "config", enabled=False)).wait_response()
    assert refused.ephemeral and "Manage Server" in refused.content
    config = next(c for c in fake.store.global_commands if c["name"] == "config")
    assert int(config["default_member_permissions"]) == 1 << 5


async def test_a_manager_hides_a_member_from_the_leaderboards(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, boss: FakeMember, tutorbot: BotRunner
) -> None:
    tutor = tutorbot.bot.tutor  # type: ignore[attr-defined]
    who = Who(guild.id, ana.user.id, "ana")
    round_ = await tutor.start_quiz(who, length=1)
    await tutor.answer(who, round_.prompts[0].id, round_.prompts[0].answer, round_.round_id)
    refused = await (await fake.slash(ana, "config", hide_member=ana)).wait_response()
    assert refused.ephemeral and "Manage Server" in refused.content
    hidden = await (await fake.slash(boss, "config", hide_member=ana)).wait_response()
    assert hidden.ephemeral and "ana is hidden from the leaderboards" in hidden.content
    assert (await tutor.leaderboard(guild.id, "all")).rows == ()
    shown = await (await fake.slash(boss, "config", show_member=ana)).wait_response()
    assert "ana is shown on the leaderboards" in shown.content
    assert [row.user_id for row in (await tutor.leaderboard(guild.id, "all")).rows] == [ana.user.id]


async def test_help_lists_commands(fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner) -> None:
    reply = await (await fake.slash(ana, "help")).wait_response()
    text = reply.embeds[0]["description"]
    assert reply.ephemeral and all(f"/{name}" in text for name in ("ask", "quiz", "review", "group create", "config"))


async def test_a_member_who_leaves_the_server_leaves_the_leaderboard(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, tutorbot: BotRunner
) -> None:
    tutor = tutorbot.bot.tutor  # type: ignore[attr-defined]
    who = Who(guild.id, ana.user.id, "ana")
    round_ = await tutor.start_quiz(who, length=1)
    await tutor.answer(who, round_.prompts[0].id, round_.prompts[0].answer, round_.round_id)
    assert [row.user_id for row in (await tutor.leaderboard(guild.id, "all")).rows] == [ana.user.id]
    payload = {"guild_id": str(guild.id), "user": ana.user.payload()}
    await fake.gateway.dispatch("GUILD_MEMBER_REMOVE", payload, guild_id=guild.id)
    for _ in range(100):
        if not (await tutor.leaderboard(guild.id, "all")).rows:
            break
        await asyncio.sleep(0.02)
    assert (await tutor.leaderboard(guild.id, "all")).rows == ()


async def test_names_in_any_script_are_listed_and_drawn_safely(
    fake: FakeDiscord, guild: FakeGuild, launch: LaunchBot, ana: FakeMember, boss: FakeMember
) -> None:
    name = "田中\u202e *さくら* 🦊"
    member = fake.add_member(guild, name)
    runner = await launch()
    tutor = runner.bot.tutor  # type: ignore[attr-defined]
    prompt = next(iter(tutor.notes.default.prompts.values()))
    await tutor.answer(Who(guild.id, member.id, name), prompt.id, prompt.answer)
    board = await fake.slash(member, "leaderboard", period="all")
    (reply,) = await board.wait_followups()
    assert "田中 *さくら* 🦊" in reply.content and "\u202e" not in reply.content
    stats = await fake.slash(member, "stats")
    (card,) = await stats.wait_followups()
    assert card.embeds[0]["title"] == "Stats for 田中 \\*さくら\\* 🦊"
    assert all(f.data.startswith(b"\x89PNG") for f in card.files)


async def _fail_the_question(
    fake: FakeDiscord, ana: FakeMember, runner: BotRunner, command: str
) -> tuple[QuizItem, InteractionRecord]:
    """Start /quiz (one question) or /review and answer its question wrongly: the prompt and the answer."""
    started = await fake.slash(ana, command, length=1) if command == "quiz" else await fake.slash(ana, command)
    await started.wait_response()
    embed = fake.message(started.original.id).embeds[-1]
    prompt = round_prompt(runner, embed["title"], embed["description"])
    wrong = next((c for c in prompt.choices or () if c != prompt.answer), None)
    if wrong is not None:
        answered = await fake.click(ana, started.original, _label(wrong))
    else:
        opened = await fake.click(ana, started.original, "Answer")
        answered = await fake.submit_modal(ana, opened, {"tutor:answer:text": "certainly not this"})
    await answered.wait_response()
    return prompt, answered


async def test_a_leech_shows_its_passage_and_studying_it_again_brings_it_back(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner, clock: FrozenClock
) -> None:
    tutorbot.bot.tutor.scheduler.leech_lapses = 2  # type: ignore[attr-defined]
    prompt, first = await _fail_the_question(fake, ana, tutorbot, "quiz")
    assert first.followups == []
    clock.advance(timedelta(hours=1))
    again, second = await _fail_the_question(fake, ana, tutorbot, "review")
    assert again == prompt
    (note,) = await second.wait_followups()
    assert note.ephemeral and note.embeds[0]["title"] == "Set aside from your reviews"
    passage = note.embeds[1]
    assert passage["title"].startswith(prompt.source) and passage["footer"]["text"].startswith("line")
    clock.advance(timedelta(hours=1))
    reply = await (await fake.slash(ana, "review")).wait_response()
    assert "Nothing is due" in reply.content
    back = await (await fake.click(ana, note, "Study it again")).wait_response()
    assert "back in your reviews" in back.content
    review = await fake.slash(ana, "review")
    await review.wait_response()
    assert fake.message(review.original.id).embeds[-1]["description"] == prompt.question


async def _report(fake: FakeDiscord, who: FakeMember, message: StoredMessage, reason: str) -> str:
    """Press Report under `message`, choose `reason`: the bot's answer."""
    pressed = await fake.click(who, message, "Report")
    asked = await pressed.wait_response()
    assert asked.ephemeral and asked.content == "What is wrong with this question?"
    assert pressed.original is not None
    [reasons] = pressed.original.components[0]["components"]
    assert [o["value"] for o in reasons["options"]] == ["wrong", "ambiguous", "not_in_notes"]
    chosen = await fake.select(who, pressed.original, reasons["custom_id"], [reason])
    return (await chosen.wait_response()).content


async def _first_question(fake: FakeDiscord, who: FakeMember, runner: BotRunner, topic: str) -> InteractionRecord:
    started = await fake.slash(who, "quiz", length=1, topic=topic)
    await started.wait_response()
    return started


def _shown_prompt(fake: FakeDiscord, runner: BotRunner, started: InteractionRecord) -> QuizItem:
    embed = fake.message(started.original.id).embeds[-1]
    return round_prompt(runner, embed["title"], embed["description"])


async def test_reporting_from_a_quiz_and_managers_listing_and_restoring(
    fake: FakeDiscord, ana: FakeMember, boss: FakeMember, tutorbot: BotRunner
) -> None:
    topic = next(iter(tutorbot.bot.tutor.notes.default.quiz_topic_sizes()))  # type: ignore[attr-defined]
    started = await _first_question(fake, ana, tutorbot, topic)
    prompt = _shown_prompt(fake, tutorbot, started)
    assert "the server's managers can see it" in await _report(fake, ana, started.original, "ambiguous")
    assert "reported this question already" in await _report(fake, ana, started.original, "wrong")
    refused = await (await fake.slash(ana, "reports")).wait_response()
    assert refused.ephemeral and "Manage Server" in refused.content
    boss_round = await _first_question(fake, boss, tutorbot, topic)
    assert _shown_prompt(fake, tutorbot, boss_round) == prompt
    assert "suspended in this server" in await _report(fake, boss, boss_round.original, "wrong")
    assert _shown_prompt(fake, tutorbot, await _first_question(fake, ana, tutorbot, topic)) != prompt
    listed = await fake.slash(boss, "reports")
    listing = await listed.wait_response()
    text = listing.embeds[0]["description"]
    assert listing.ephemeral and listing.embeds[0]["title"] == "Reported questions (1)"
    assert "suspended by a manager" in text and prompt.question[:40] in text
    restored = await fake.select(boss, listed.original, "tutor:restore", [prompt.id])
    assert "asked in this server again" in (await restored.wait_response()).content
    assert _shown_prompt(fake, tutorbot, await _first_question(fake, ana, tutorbot, topic)) == prompt
    nothing = await (await fake.slash(boss, "reports")).wait_response()
    assert nothing.content == "No question has been reported in this server."
