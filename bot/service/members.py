"""Members as the service knows them: recorded when they act, their own time zone, leaving the server."""

from __future__ import annotations

from bot.clock import Clock
from bot.service.types import TimeZones, Who
from bot.storage import Repositories
from bot.timezones import time_zone

FOLLOW_SERVER = "server"  # the zone a member names to follow the server's again


class Members:
    """The members of each server: who they are called, which zone their study days follow."""

    def __init__(self, repos: Repositories, clock: Clock) -> None:
        self.repos = repos
        self.clock = clock

    async def seen(self, who: Who) -> None:
        """Record the member (and their current name) before anything they do is stored."""
        await self.repos.members.upsert(who.guild_id, who.user_id, who.name)

    async def set_time_zone(self, who: Who, zone: str | None) -> TimeZones:
        """Set the member's own zone (an IANA place or UTC); None or `server` follows the server's zone again.

        InvalidInput for a zone that is no place. Days already studied never move (`bot.storage.members`).
        """
        await self.seen(who)
        own = None if zone is None or zone.strip().casefold() == FOLLOW_SERVER else zone
        await self.repos.members.set_time_zone(who.guild_id, who.user_id, own, self.clock.now())
        return await self.time_zones(who)

    async def time_zones(self, who: Who) -> TimeZones:
        """The zone the member's study days follow, the server's, and the time there now."""
        member = await self.repos.members.get(who.guild_id, who.user_id)
        server = await self.repos.settings.get(who.guild_id)
        own = member.time_zone if member else None
        return TimeZones(own, server.time_zone, self.clock.now().astimezone(time_zone(own or server.time_zone)))

    async def left(self, guild_id: int, user_id: int) -> None:
        """The member left the server: off the boards, history kept."""
        await self.repos.members.mark_left(guild_id, user_id)
