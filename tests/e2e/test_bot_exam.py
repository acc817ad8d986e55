"""Exam dates over the fake Discord: set, show, clear, friendly refusals, group dates, countdowns, results."""

from __future__ import annotations

import pytest

from bot.clock import FrozenClock
from bot.discord.formatting import safe
from bot.service.types import Who
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember

from .daily_helpers import post_daily, switch_on, tutor_of

pytestmark = pytest.mark.e2e


async def _reply(fake: FakeDiscord, member: FakeMember, command: str, **options: object) -> str:
    reply = await (await fake.slash(member, command, **options)).wait_response()
    return reply.content or reply.embeds[0]["description"]


async def test_exam_date_set_shown_counted_down_and_cleared(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    for bad, message in [("next friday", "not a date I can read"), ("2026-03-01", "has passed")]:
        refused = await (await fake.slash(ana, "exam set", date=bad)).wait_response()
        assert refused.ephemeral and message in refused.content and "YYYY-MM-DD" in refused.content
    assert "No exam date set" in await _reply(fake, ana, "exam show")
    set_reply = await (await fake.slash(ana, "exam set", date="14 March 2026", name="Cert", minutes=30)).wait_response()
    assert set_reply.ephemeral
    assert "Cert on Saturday 14 March 2026 (in 12 days, 30 minutes a day)" in set_reply.embeds[0]["description"]
    assert "Reviews this week: up to 0 minutes a day, within your 30." in set_reply.embeds[0]["description"]
    (card,) = await (await fake.slash(ana, "stats")).wait_followups()
    exam_field = next(f for f in card.embeds[0]["fields"] if f["name"] == "Exam")
    assert exam_field["value"] == "Cert on Saturday 14 March 2026: in 12 days"
    assert "No exam date set" in await _reply(fake, ana, "exam clear")
    again = await (await fake.slash(ana, "exam clear")).wait_response()
    assert again.ephemeral and "No exam date was set for you" in again.content
    (card,) = await (await fake.slash(ana, "stats")).wait_followups()
    assert all(f["name"] != "Exam" for f in card.embeds[0]["fields"])


async def test_a_group_date_is_its_owners_and_reaches_members_and_the_daily_post(
    fake: FakeDiscord, guild: FakeGuild, clock: FrozenClock, ana: FakeMember, boss: FakeMember, tutorbot: BotRunner
) -> None:
    sam = fake.add_member(guild, "sam")
    await fake.slash(ana, "group create", name="Owls")
    await (await fake.slash(sam, "group join", name="Owls")).wait_response()
    refused = await (await fake.slash(sam, "exam set", date="2026-04-01", group="Owls")).wait_response()
    assert refused.ephemeral and "Only the group's owner" in refused.content
    by_manager = await (await fake.slash(boss, "exam set", date="2026-04-02", group="Owls")).wait_response()
    assert "Exam date set for the study group **Owls**" in by_manager.content  # a manager outside the group
    minutes = await (await fake.slash(ana, "exam set", date="2026-04-01", group="Owls", minutes=20)).wait_response()
    assert "each member's own" in minutes.content
    announced = await (await fake.slash(ana, "exam set", date="2026-04-01", name="Cert", group="Owls")).wait_response()
    assert not announced.ephemeral and "Owls" in announced.content and "Wednesday 01 April 2026" in announced.content
    assert "Study group Owls: Cert on Wednesday 01 April 2026 (in 30 days)" in await _reply(fake, sam, "exam show")
    await (await fake.slash(boss, "exam set", date="2026-03-10")).wait_response()
    await switch_on(tutorbot, guild)
    post = await post_daily(fake, tutorbot, guild, clock)
    countdown = next(f for f in post.embeds[0]["fields"] if f["name"] == "Exam countdown")
    assert countdown["value"].splitlines() == ["**mia**: exam in 8 days", "**Owls**: Cert in 30 days"]
    (card,) = await (await fake.slash(sam, "stats")).wait_followups()
    exam_field = next(f for f in card.embeds[0]["fields"] if f["name"] == "Exam")
    assert "(study group Owls)" in exam_field["value"] and "in 30 days" in exam_field["value"]


async def test_exam_result_is_recorded_against_the_followed_exam(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, tutorbot: BotRunner
) -> None:
    await (await fake.slash(ana, "exam set", date="2026-03-05", name="Cert")).wait_response()
    reply = await (await fake.slash(ana, "exam result", outcome="passed", score=812)).wait_response()
    assert reply.ephemeral and "Recorded: passed with 812" in reply.content
    (result,) = await tutor_of(tutorbot).repos.exams.results(guild.id, ana.id)
    assert (result.passed, result.score, result.name, str(result.exam_on)) == (True, 812, "Cert", "2026-03-05")


async def test_drill_weak_starts_with_a_recent_miss_and_readiness_shows_its_rule(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, tutorbot: BotRunner
) -> None:
    tutor = tutor_of(tutorbot)
    who = Who(guild.id, ana.id, "ana")
    notes = tutor.notes.default
    missed = next(p for p in notes.prompts.values() if p.kind == "multiple_choice" and notes.exam_domains.domain_of(p))
    wrong = next(c for c in missed.choices or () if c != missed.answer)
    await tutor.answer(who, missed.id, wrong)  # a miss outside any round
    started = await fake.slash(ana, "drill weak", length=5)
    first = await started.wait_response()
    assert first.ephemeral and first.embeds[0]["title"] == "Quiz 1/5"
    assert first.embeds[0]["description"] == missed.question
    message = fake.message(started.original.id)
    answered = await (await fake.click(ana, message, missed.answer[:80])).wait_response()
    assert answered.type == 7 and fake.message(message.id).embeds[0]["title"].startswith("Correct!")
    drilled = tutor.quiz_round(who, message.buttons()[0]["custom_id"].split(":")[2])
    weakest = set((await tutor.exam_readiness(who)).weakest(2))
    assert all(notes.exam_domains.domain_of(p) in weakest for p in drilled.prompts[1:])

    shown = await fake.slash(ana, "exam readiness")
    (card,) = await shown.wait_followups()
    embed = card.embeds[0]
    assert embed["title"] == "Exam readiness: not ready" and "No full mock exam yet" in embed["description"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "80% or more on each of your last 3 full mocks" in fields["The rule"]
    assert "not that the exam" in fields["What it does not promise"]
    assert [a["filename"] for a in card.attachments] == ["readiness.png"] and card.files[0].data.startswith(b"\x89PNG")


def _listed(reply_embed: dict[str, object]) -> dict[str, str]:
    """The domains embed as {domain name without its weight: its field's text}."""
    fields = reply_embed["fields"]
    assert isinstance(fields, list)
    return {f["name"].rsplit(" (", 1)[0]: f["value"] for f in fields}


async def test_managers_move_sections_between_domains_and_mocks_follow_in_that_server_only(
    fake: FakeDiscord, guild: FakeGuild, ana: FakeMember, boss: FakeMember, tutorbot: BotRunner
) -> None:
    tutor = tutor_of(tutorbot)
    base = tutor.notes.default.exam_domains
    section, old = next(iter(base.of_section.items()))
    new = next(d for d in base.weights if d != old)
    shown = await (await fake.slash(ana, "exam domains")).wait_response()
    assert shown.ephemeral and safe(section) in _listed(shown.embeds[0])[old]

    refused = await (await fake.slash(ana, "exam domain-move", section=section, domain=new)).wait_response()
    assert refused.ephemeral and "Manage Server" in refused.content
    unknown = await (await fake.slash(boss, "exam domain-move", section=section, domain="Astrology")).wait_response()
    assert "no exam domain called “Astrology”" in unknown.content
    nowhere = await (await fake.slash(boss, "exam domain-move", section="No such part", domain=new)).wait_response()
    assert "no top-level section of the notes called" in nowhere.content
    assert await tutor.server_exam_domains(guild.id) == base  # nothing changed by the refusals

    moved = await (
        await fake.slash(boss, "exam domain-move", section=section.upper(), domain=new.lower())
    ).wait_response()
    listed = _listed(moved.embeds[0])
    assert safe(section) in listed[new] and safe(section) not in listed[old]
    assert (await tutor.server_exam_domains(guild.id)).of_section[section] == new
    assert await tutor.server_exam_domains(guild.id + 1) == base  # another server keeps the notes' mapping

    who = Who(guild.id, ana.id, "ana")
    mock = await tutor.mocks.start(who, questions=40)
    from_section = [q for q in mock.questions if q.item.topic == section]
    assert from_section and all(q.domain == new for q in from_section)

    await (await fake.slash(boss, "exam domain-move", section=section, domain="none")).wait_response()
    outside = await (await fake.slash(ana, "exam domains")).wait_response()
    assert safe(section) in _listed(outside.embeds[0])["In no domain"]
    await tutor.mocks.submit(who, mock.id)
    assert all(q.item.topic != section for q in (await tutor.mocks.start(who, questions=40)).questions)

    await (await fake.slash(boss, "exam domain-reset")).wait_response()
    assert await tutor.server_exam_domains(guild.id) == base
