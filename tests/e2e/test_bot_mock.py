"""Mock exams over the fake Discord: taken, flagged, resumed after a restart, auto-submitted at the deadline and
reported; submitted by hand; a study group's mock night with results posted together."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest

from bot.clock import FrozenClock
from bot.discord.mock import MockCog
from bot.exam.mock import MockQuestion
from bot.service.mocks import questions_of
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember, StoredMessage

from .daily_helpers import tutor_of
from .tutor_fixtures import LaunchBot

pytestmark = pytest.mark.e2e


def mock_id_of(message: StoredMessage) -> int:
    return int(message.buttons()[0]["custom_id"].split(":")[2])


async def questions(runner: BotRunner, mock_id: int) -> tuple[MockQuestion, ...]:
    record = await tutor_of(runner).repos.mocks.get(mock_id)
    assert record is not None
    return questions_of(record.questions_json)


def choice_id(mock_id: int, index: int, question: MockQuestion, right: bool) -> str:
    answer = question.choices.index(question.item.answer)
    return f"tutor:mock:{mock_id}:{index}:c{answer if right else (answer + 1) % len(question.choices)}"


async def click(fake: FakeDiscord, member: FakeMember, message: StoredMessage, key: str) -> dict:
    done = await (await fake.click(member, message, key)).wait_response()
    assert done.type == 7, done  # the mock's own message is edited
    return fake.message(message.id).embeds[0]


async def tick(runner: BotRunner) -> None:
    await cast(MockCog, runner.bot.get_cog("MockCog")).tick()


async def test_mock_flagged_resumed_after_restart_auto_submitted_and_reported(
    fake: FakeDiscord, clock: FrozenClock, ana: FakeMember, launch: LaunchBot
) -> None:
    first = await launch()
    started = await fake.slash(ana, "mock start", questions=6, minutes=12)
    assert (await started.wait_response()).ephemeral
    message = fake.message(started.original.id)
    assert message.embeds[0]["title"] == "Mock exam · question 1/6"
    mock_id = mock_id_of(message)
    asked = await questions(first, mock_id)
    assert len(asked) == 6
    shown = await click(fake, ana, message, choice_id(mock_id, 0, asked[0], right=True))
    assert shown["title"] == "Mock exam · question 2/6"
    shown = await click(fake, ana, message, "⚑ Flag for review")
    assert shown["title"] == "Mock exam · question 2/6 ⚑"
    shown = await click(fake, ana, message, choice_id(mock_id, 1, asked[1], right=False))
    assert shown["title"] == "Mock exam · question 3/6"
    shown = await click(fake, ana, message, "◀ Previous")
    assert shown["title"] == "Mock exam · question 2/6 ⚑" and "Your answer:" in shown["description"]

    await first.stop()
    second = await launch()
    shown = await click(fake, ana, message, "Next ▶")  # the old message's buttons work after the restart
    assert shown["title"] == "Mock exam · question 3/6" and "Not answered yet." in shown["description"]
    review = await click(fake, ana, message, "Review & submit")
    fields = {f["name"]: f["value"] for f in review["fields"]}
    assert fields == {"Flagged for review": "2", "Not answered": "3, 4, 5, 6"}
    assert "Answered **2/6**" in review["description"]
    shown = await click(fake, ana, message, "First flagged")
    assert shown["title"] == "Mock exam · question 2/6 ⚑"
    resumed = await (await fake.slash(ana, "mock start")).wait_response()
    assert resumed.ephemeral and "Resumed the mock exam you have open." in resumed.embeds[0]["description"]

    clock.advance(timedelta(minutes=12, seconds=1))
    await tick(second)
    (dm,) = [m for m in fake.messages_in(fake.dm_channel(ana)) if m.embeds]
    report = dm.embeds[0]
    assert report["title"] == "Mock exam report" and "**1/6** right (17%)" in report["description"]
    assert "Submitted automatically when the time was up." in report["description"]
    assert "Time used: 12 min of 12 min" in report["description"]
    assert any(f["name"] == "By domain" for f in report["fields"])
    missed = "\n".join(e["description"] for e in dm.embeds[1:])
    assert missed.count("**Q") == 5 and "**Q1**" not in missed
    for index, question in enumerate(asked[1:], start=2):
        assert f"**Q{index}**" in missed and question.item.source in missed
    await tick(second)
    assert len([m for m in fake.messages_in(fake.dm_channel(ana)) if m.embeds]) == 1  # reported once

    late = await click(fake, ana, message, "Next ▶")
    assert late["title"] == "Mock exam report" and "Time was up" in late["description"]
    again = await (await fake.slash(ana, "mock report")).wait_response()
    assert "**1/6** right" in again.embeds[0]["description"]
    fresh = await fake.slash(ana, "mock start", questions=6)
    await fresh.wait_response()
    new_id = mock_id_of(fake.message(fresh.original.id))
    assert new_id != mock_id
    assert not {q.item.id for q in await questions(second, new_id)} & {q.item.id for q in asked}


async def test_mock_submitted_by_hand_scores_every_domain(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    started = await fake.slash(ana, "mock start", questions=5, minutes=30)
    await started.wait_response()
    message = fake.message(started.original.id)
    mock_id = mock_id_of(message)
    asked = await questions(tutorbot, mock_id)
    for index, question in enumerate(asked):
        await click(fake, ana, message, choice_id(mock_id, index, question, right=True))
    await click(fake, ana, message, "Review & submit")
    report = await click(fake, ana, message, "Submit now")
    assert report["title"] == "Mock exam report" and "**5/5** right (100%)" in report["description"]
    assert "automatically" not in report["description"]
    by_domain = next(f["value"] for f in report["fields"] if f["name"] == "By domain")
    assert sum(int(line.rsplit(": ", 1)[1].split("/")[0]) for line in by_domain.splitlines()) == 5
    refused = await (await fake.slash(ana, "mock start", questions=0)).wait_response()
    assert refused.type == 4


async def test_group_mock_night_one_mock_for_all_results_posted_together(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, ana: FakeMember, boss: FakeMember, tutorbot: BotRunner
) -> None:
    sam = fake.add_member(guild, "sam")
    await (await fake.slash(ana, "group create", name="Owls")).wait_response()
    await (await fake.slash(sam, "group join", name="Owls")).wait_response()
    refused = await (await fake.slash(sam, "mock night", group="Owls")).wait_response()
    assert refused.ephemeral and "Only the group's owner" in refused.content
    opened = await fake.slash(ana, "mock night", group="Owls", questions=4, minutes=20, hours=1)
    announced = await opened.wait_response()
    assert not announced.ephemeral and announced.embeds[0]["title"] == "Mock night: Owls"
    post = fake.message(opened.original.id)
    outsider = await (await fake.click(boss, post, "Take the mock")).wait_response()
    assert outsider.ephemeral and "join it first" in outsider.content

    attempts = {}
    for member in (ana, sam):
        taken = await fake.click(member, post, "Take the mock")
        assert (await taken.wait_response()).ephemeral
        attempts[member.name] = fake.message(taken.original.id)
    ids = {name: mock_id_of(message) for name, message in attempts.items()}
    asked = await questions(tutorbot, ids["ana"])
    assert [q.item.id for q in asked] == [q.item.id for q in await questions(tutorbot, ids["sam"])]
    for index, question in enumerate(asked):
        await click(fake, ana, attempts["ana"], choice_id(ids["ana"], index, question, right=True))
    await click(fake, ana, attempts["ana"], "Review & submit")
    await click(fake, ana, attempts["ana"], "Submit now")
    await click(fake, sam, attempts["sam"], choice_id(ids["sam"], 0, asked[0], right=True))

    clock.advance(timedelta(minutes=61))
    await tick(tutorbot)
    results = await fake.wait_bot_message(guild.text_channels[0], after=post)
    embed = results.embeds[0]
    assert embed["title"] == "Mock night results: Owls"
    rows = embed["description"].splitlines()
    assert rows[0].startswith("1. **ana** 4/4 (100%)") and rows[1].startswith("2. **sam** 1/4 (25%)")
    assert embed["fields"][0]["name"] == "The group by domain"
    assert not [m for m in fake.messages_in(fake.dm_channel(sam)) if m.embeds]  # a night's results go together
    await tick(tutorbot)
    posted = [m for m in fake.messages_in(guild.text_channels[0]) if m.embeds and "results" in m.embeds[0]["title"]]
    assert len(posted) == 1
    closed = await (await fake.click(sam, post, "Take the mock")).wait_response()
    assert "has closed" in closed.content
