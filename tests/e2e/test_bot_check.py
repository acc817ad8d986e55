"""/check: a practice question pasted into a modal, checked against the notes, over the fake Discord."""

from __future__ import annotations

import pytest

from bot.discord.check._embed import check_embed
from bot.discord.formatting import EMBED_TOTAL_LIMIT, FIELD_NAME_LIMIT, FIELD_VALUE_LIMIT
from bot.knowledge.answering import Citation
from bot.knowledge.practice import CheckResult, Evidence, make_question
from tests.fake_discord import BotRunner, FakeDiscord, FakeMember, InteractionRecord
from tests.fake_discord.messages import StoredMessage, walk_components

pytestmark = pytest.mark.e2e

TEXT, SELECT = "tutor:check:text", "tutor:check:select"
REDIS = (
    "Which ElastiCache engine offers Multi AZ auto-failover and backup and restore?\n"
    "A. Redis\nB. Memcached\nC. Amazon S3 Glacier"
)
PASTRY = (
    "@everyone Which pastry technique gives croissants their flaky layers?\n"
    "A. Laminating the dough with butter\nB. Adding baking soda\nC. Whipping egg whites\nD. Freezing the flour"
)


async def submit(fake: FakeDiscord, member: FakeMember, values: dict[str, str]) -> InteractionRecord:
    opened = await fake.slash(member, "check")
    return await fake.submit_modal(member, opened, values)


async def checked(fake: FakeDiscord, member: FakeMember, question: str) -> StoredMessage:
    submitted = await submit(fake, member, {TEXT: question})
    assert (await submitted.wait_response()).type == 5  # deferred: "tutorbot is thinking…"
    (reply,) = await submitted.wait_followups()
    return reply


async def test_modal_asks_for_the_question_and_how_many_answers(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    modal = await (await fake.slash(ana, "check")).wait_response()
    assert modal.type == 9
    inputs = {c["custom_id"]: c for c in walk_components(modal.components) if c.get("type") == 4}
    assert inputs[TEXT]["style"] == 2 and inputs[TEXT]["max_length"] == 4000
    assert inputs[TEXT]["placeholder"].startswith("Question…\nA. ")
    assert inputs[SELECT]["required"] is False


async def test_good_question_gets_each_option_weighed_and_a_pick(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    reply = await checked(fake, ana, REDIS)
    embed = reply.embeds[0]
    assert embed["title"] == "What the notes say" and "ElastiCache engine" in embed["description"]
    names = [f["name"] for f in embed["fields"]]
    assert names == ["A. Redis", "B. Memcached", "C. Amazon S3 Glacier", "Pick"]
    assert embed["fields"][0]["value"].startswith("✅ supported")
    assert "Redis vs Memcached" in embed["fields"][0]["value"]
    assert embed["fields"][-1]["value"].startswith("**A**")
    assert not reply.ephemeral
    request = fake.requests.find("POST", "/webhooks/{application_id}/{token}")[-1]
    assert request.body().allowed_mentions == {"parse": []}
    started = await (await fake.click(ana, reply, "Quiz me on this topic")).wait_response()
    assert started.ephemeral and started.embeds[0]["title"].startswith("Quiz 1/")


async def test_non_question_gets_a_private_friendly_error(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    submitted = await submit(fake, ana, {TEXT: "just some thoughts about caching, no options here"})
    reply = await submitted.wait_response()
    assert reply.type == 4 and reply.ephemeral
    assert "at least two options" in reply.content
    assert not submitted.followups


async def test_bad_answer_count_gets_a_private_friendly_error(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    reply = await (await submit(fake, ana, {TEXT: REDIS, SELECT: "x"})).wait_response()
    assert reply.ephemeral and "How many answers" in reply.content


async def test_question_the_notes_never_cover_is_not_settled_in_a_dm(fake: FakeDiscord, tutorbot: BotRunner) -> None:
    reply = await checked(fake, fake.add_user("lee"), PASTRY)
    embed = reply.embeds[0]
    assert embed["description"].startswith("@\u200beveryone")
    verdict = embed["fields"][-1]
    assert verdict["name"] == "The notes don't settle this" and "do not seem to cover" in verdict["value"]
    assert len(embed["fields"]) == 5
    assert reply.buttons() == []


def test_reply_stays_within_embed_limits_for_the_longest_paste() -> None:
    options = [f"{'word ' * 66}option {i}" for i in range(8)]  # a 3,999-character paste
    question = make_question("Why? " * 255, options, 1)
    citation = Citation("notes.md", ("Topic " * 60,), 1, 2)
    evidence = tuple((Evidence(citation, "quote " * 50, 1.0),) for _ in options)
    result = CheckResult(question, tuple(range(8)), (0.125,) * 8, (3.0,) * 8, evidence, 0.9, False, "")
    embed = check_embed(result)
    assert len(embed) <= EMBED_TOTAL_LIMIT and len(embed.fields) == 9
    assert all(len(f.name) <= FIELD_NAME_LIMIT and len(f.value) <= FIELD_VALUE_LIMIT for f in embed.fields)
    assert embed.fields[-1].name == "Pick"
