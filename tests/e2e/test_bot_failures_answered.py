"""Every failure answers the member, and the bot stays up: stale buttons, failing mentions, one rate limit for
every way of asking, direct messages, a refused command sync, unreadable events, embeds Discord would refuse."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import discord
import pytest

import bot.discord.features  # noqa: F401  (imports every feature's buttons and answer boxes)
from bot.discord.check._views import CheckModal
from bot.discord.client import TutorBot
from bot.discord.daily._buttons import DailyAnswerModal
from bot.discord.guard import ANSWER_BOX_TIMEOUT_SECONDS, TutorItem, TutorModal
from bot.discord.shared.rounds import AnswerModal
from bot.errors import StorageUnavailable
from bot.settings import Settings
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember

from .conftest import StartBot
from .daily_helpers import tutor_of
from .tutor_fixtures import LaunchBot, OpenTutor

pytestmark = pytest.mark.e2e

QUESTION = "What is the maximum size of an S3 object?"
COMMANDS = "/applications/{application_id}/commands"


def named(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def tutorbots(cls: type) -> list[type]:
    """tutorbot's own subclasses of cls, at any depth."""
    found = [sub for direct in cls.__subclasses__() for sub in (direct, *tutorbots(direct))]
    return [sub for sub in found if sub.__module__.startswith("bot.")]


def test_every_tutorbot_button_routes_its_errors_through_the_one_handler() -> None:
    ours = tutorbots(discord.ui.DynamicItem)
    assert len(ours) >= 5
    assert all(issubclass(c, TutorItem) for c in ours), [c for c in ours if not issubclass(c, TutorItem)]
    with pytest.raises(TypeError, match="respond"):

        class Bypass(TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=r"x"):
            async def callback(self, interaction: discord.Interaction) -> None: ...


def test_every_answer_box_times_out() -> None:
    boxes = [DailyAnswerModal(1), AnswerModal("0123456789ab", 0), CheckModal(private=True)]
    # by name: a bot's close unloads its extensions, so a later bot in this process imports the classes anew
    assert {named(type(box)) for box in boxes} == {named(cls) for cls in tutorbots(TutorModal)}
    assert all(box.timeout == ANSWER_BOX_TIMEOUT_SECONDS for box in boxes)


@pytest.mark.parametrize(
    ("custom_id", "expected"),
    [
        ("tutor:passage:gone0000", "no longer in the notes"),
        ("tutor:topicquiz:gone0000", "no longer in the notes"),
        ("tutor:feedback:1:gone0000", "Thanks"),
        ("tutor:daily:987654:0", "no longer exists"),
        ("tutor:round:0123456789ab:0:1", "round has ended"),
        ("tutor:round:0123456789ab:2:typed", "round has ended"),
    ],
)
async def test_a_persistent_button_with_a_stale_id_gets_a_clear_private_answer(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, tutorbot: BotRunner, custom_id: str, expected: str
) -> None:
    button = {"type": 2, "style": 1, "label": "old", "custom_id": custom_id}
    old = fake.store.create_message(
        guild.text_channels[0], fake.bot_user, {"content": "old", "components": [{"type": 1, "components": [button]}]}
    )
    reply = await (await fake.click(ana, old, custom_id)).wait_response()
    assert reply.ephemeral and expected in reply.content


async def test_a_stale_typed_daily_answer_gets_a_clear_answer_when_submitted(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, tutorbot: BotRunner
) -> None:
    button = {"type": 2, "style": 1, "label": "Answer", "custom_id": "tutor:daily:987654:typed"}
    old = fake.store.create_message(
        guild.text_channels[0], fake.bot_user, {"content": "old", "components": [{"type": 1, "components": [button]}]}
    )
    opened = await fake.click(ana, old, "Answer")
    submitted = await fake.submit_modal(ana, opened, {"tutor:daily:text": "S3"})
    reply = await submitted.wait_response()
    assert reply.ephemeral and "no longer exists" in reply.content


async def test_a_quiz_round_button_after_a_restart_says_the_round_ended(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, launch: LaunchBot
) -> None:
    first = await launch()
    started = await fake.slash(ana, "quiz", length=2)
    await started.wait_response()
    assert started.original is not None
    question = started.original
    await first.stop()
    await launch()
    reply = await (await fake.click(ana, question, question.buttons()[0]["custom_id"])).wait_response()
    assert reply.ephemeral and "round has ended" in reply.content


async def test_a_failing_mention_reply_answers_the_member(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, tutorbot: BotRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def busy(question: str, topic: str | None = None, where: object = None) -> Any:
        raise StorageUnavailable("The database is busy (locked by another process); please try again shortly.")

    monkeypatch.setattr(tutor_of(tutorbot), "ask", busy)
    general = guild.text_channels[0]
    asked = await fake.mention(ana, general, QUESTION)
    reply = await fake.wait_bot_message(general, after=asked)
    assert "busy" in (reply.content or "") and reply.data["message_reference"]["message_id"] == str(asked.id)


async def test_mentions_and_ask_share_one_rate_limit(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, tutorbot: BotRunner
) -> None:
    general = guild.text_channels[0]
    for _ in range(3):
        asked = await fake.mention(ana, general, QUESTION)
        assert (await fake.wait_bot_message(general, after=asked)).embeds
    asked = await fake.mention(ana, general, QUESTION)
    assert "Slow down" in ((await fake.wait_bot_message(general, after=asked)).content or "")
    refused = await (await fake.slash(ana, "ask", question=QUESTION)).wait_response()
    assert refused.ephemeral and "Slow down" in refused.content


async def test_a_plain_direct_message_is_answered(fake: FakeDiscord, guild: FakeGuild, tutorbot: BotRunner) -> None:
    loner = fake.add_user("lee")
    sent = await fake.dm(loner, QUESTION)
    reply = await fake.wait_bot_message(fake.dm_channel(loner), after=sent)
    assert "S3" in reply.embeds[0]["description"]


async def test_a_refused_command_sync_is_logged_and_retried_while_the_bot_runs_on(
    fake: FakeDiscord,
    guild: FakeGuild,
    ana: FakeMember,
    start_bot: StartBot,
    open_tutor: OpenTutor,
    default_settings: Settings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake.fail_next("PUT", COMMANDS, status=400)
    app = TutorBot(
        default_settings.changed(paths={"root": tmp_path}),
        tutor=await open_tutor(),
        guild_ready_timeout=0.05,
        sync_commands=True,
        sync_retry_delays=(0.2,),
    )
    with caplog.at_level(logging.WARNING):
        await start_bot(app, sync=False)
        general = guild.text_channels[0]
        asked = await fake.mention(ana, general, QUESTION)
        assert (await fake.wait_bot_message(general, after=asked)).embeds
        puts = await fake.requests.wait_for("PUT", COMMANDS, count=2)
    assert [r.status for r in puts] == [400, 200]
    assert any("refused the slash commands" in r.getMessage() for r in caplog.records)
    assert {c["name"] for c in fake.store.global_commands} >= {"ask", "quiz"}


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("MESSAGE_CREATE", {"id": "1", "channel_id": "not-a-number"}),
        ("MESSAGE_DELETE", {"id": "not-a-number", "channel_id": "1"}),
        ("GUILD_ROLE_CREATE", {"role": {"id": "not-a-number"}}),
        ("GUILD_MEMBER_UPDATE", {"user": None}),
    ],
)
async def test_an_unreadable_event_is_skipped_and_the_bot_keeps_answering(
    fake: FakeDiscord,
    guild: FakeGuild,
    ana: FakeMember,
    tutorbot: BotRunner,
    caplog: pytest.LogCaptureFixture,
    event: str,
    payload: dict[str, Any],
) -> None:
    with caplog.at_level(logging.WARNING):
        await fake.gateway.dispatch(event, {**payload, "guild_id": str(guild.id)}, guild_id=guild.id)
        general = guild.text_channels[0]
        asked = await fake.mention(ana, general, QUESTION)
        assert (await fake.wait_bot_message(general, after=asked)).embeds
    assert not tutorbot.task.done()
    assert any(f"Skipped a {event} event" in r.getMessage() for r in caplog.records)


async def test_diagram_links_discord_would_refuse_are_left_out_of_the_answer(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    tutor = tutor_of(tutorbot)
    real_ask = tutor.ask
    good = "https://example.com/arch.png"

    async def with_local_diagrams(question: str, topic: str | None = None, where: Any = None) -> Any:
        answer = await real_ask(question, topic, where)
        return replace(answer, diagrams=("images/arch.png", "file:///etc/passwd", "data:image/png;base64,AA", good))

    monkeypatch.setattr(tutor, "ask", with_local_diagrams)
    interaction = await fake.slash(ana, "ask", question=QUESTION)
    (reply,) = await interaction.wait_followups()
    embed = reply.embeds[0]
    assert embed["image"]["url"] == good
    diagrams = next(f for f in embed["fields"] if f["name"] == "Diagrams in the notes")
    assert diagrams["value"] == f"[diagram 1]({good})"
