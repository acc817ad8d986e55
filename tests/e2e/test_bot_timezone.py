"""/timezone over the fake Discord: IANA names offered as a member types, a member's own zone set, shown and given
back, zones that are no place refused; a full disk while saving answers the member with one clear line."""

from __future__ import annotations

import pytest

from bot.discord.client import TutorBot
from bot.service.types import Who
from bot.settings import Settings
from bot.storage.failures import DISK_FULL
from tests.e2e.conftest import StartBot
from tests.e2e.tutor_fixtures import OpenTutor
from tests.fake_discord import BotRunner, FakeDiscord, FakeMember
from tests.storage.faults import disk_full

pytestmark = pytest.mark.e2e


async def choices(fake: FakeDiscord, member: FakeMember, typed: str) -> list[str]:
    return [choice["value"] for choice in await fake.autocomplete(member, "timezone", "zone", zone=typed)]


async def test_autocomplete_offers_iana_places_filtered_by_what_is_typed(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    assert (await choices(fake, ana, "berl"))[0] == "Europe/Berlin"
    assert (await choices(fake, ana, "new_y"))[0] == "America/New_York"
    assert (await choices(fake, ana, "los ang"))[0] == "America/Los_Angeles"
    everything = await choices(fake, ana, "")
    assert len(everything) == 25 and "server" in everything  # Discord takes at most 25
    wide = await choices(fake, ana, "a")
    assert len(wide) == 25 and all("a" in name.casefold() for name in wide)
    assert not {"localtime", "Factory", "posixrules", "EST5EDT"} & set(await choices(fake, ana, "l") + everything)
    assert await choices(fake, ana, "nowhere at all") == []


async def test_timezone_sets_shows_and_gives_back_the_servers_zone(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner
) -> None:
    shown = await (await fake.slash(ana, "timezone")).wait_response()
    assert shown.ephemeral and "server's time zone, UTC" in shown.content
    chosen = await (await fake.slash(ana, "timezone", zone="America/Los_Angeles")).wait_response()
    assert "your time zone, America/Los_Angeles" in chosen.content
    who = Who(ana.guild.id, ana.user.id, "ana")
    assert (await tutorbot.bot.tutor.time_zones(who)).own == "America/Los_Angeles"  # type: ignore[attr-defined]
    again = await (await fake.slash(ana, "timezone")).wait_response()
    assert "America/Los_Angeles" in again.content
    back = await (await fake.slash(ana, "timezone", zone="server")).wait_response()
    assert "server's time zone, UTC" in back.content


@pytest.mark.parametrize("zone", ["localtime", "Factory", "posixrules", "EST5EDT", "Etc/GMT+5", "Mars/Olympus"])
async def test_zones_that_are_no_place_are_refused_with_a_friendly_line(
    fake: FakeDiscord, ana: FakeMember, tutorbot: BotRunner, zone: str
) -> None:
    await (await fake.slash(ana, "timezone", zone="Asia/Tokyo")).wait_response()
    refused = await (await fake.slash(ana, "timezone", zone=zone)).wait_response()
    assert refused.ephemeral and "America/New_York" in refused.content  # a zone to use instead
    assert zone not in refused.content.replace("Etc/GMT+5 is five", "")  # what was typed is not echoed
    kept = await (await fake.slash(ana, "timezone")).wait_response()
    assert "Asia/Tokyo" in kept.content


async def test_a_full_disk_answers_the_member_with_one_clear_line(
    fake: FakeDiscord,
    ana: FakeMember,
    start_bot: StartBot,
    open_tutor: OpenTutor,
    default_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tutor = await open_tutor()
    bot = TutorBot(default_settings.changed(discord={"loop_seconds": 3600}), tutor=tutor, guild_ready_timeout=0.05)
    runner = await start_bot(bot, allow_errors=True)  # the full disk is logged as an error for the operator
    started = await fake.slash(ana, "quiz", length=1)
    await started.wait_response()
    with disk_full(tutor.db, monkeypatch) as refused:
        chosen = await (await fake.slash(ana, "timezone", zone="Europe/Berlin")).wait_response()
        embed = fake.message(started.original.id).embeds[-1]
        prompt = next(p for p in tutor.notes.default.prompts.values() if p.question == embed["description"])
        if prompt.choices:
            answered = await fake.click(ana, started.original, prompt.answer[:80])
        else:
            opened = await fake.click(ana, started.original, "Answer")
            answered = await fake.submit_modal(ana, opened, {"tutor:answer:text": prompt.answer})
        verdict = await answered.wait_response()
    assert refused and chosen.ephemeral and chosen.content == DISK_FULL
    assert verdict.ephemeral and verdict.content == DISK_FULL
    later = await (await fake.slash(ana, "timezone")).wait_response()
    assert "follow the server's time zone" in later.content  # nothing was saved, and the bot runs on
    assert "disk is full" in (await runner.wait_for_error()).getMessage()
