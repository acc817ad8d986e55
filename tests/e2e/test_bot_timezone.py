"""/timezone over the fake Discord: IANA names offered as a member types, a member's own zone set, shown and given
back, zones that are no place refused, and the streak read in the zone chosen."""

from __future__ import annotations

import pytest

from bot.service.types import Who
from tests.fake_discord import BotRunner, FakeDiscord, FakeMember

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
