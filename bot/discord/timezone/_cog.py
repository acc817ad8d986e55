"""A member's own time zone: shown, set (IANA names offered as they type) or given back to the server's."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.errors import reply_privately
from bot.discord.formatting import AUTOCOMPLETE_LIMIT
from bot.discord.members import who_from_interaction
from bot.service.members import FOLLOW_SERVER
from bot.timezones import suggest_zones
from bot.wording import time_zone_line

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


class TimeZoneCog(commands.Cog, name="Time zone"):
    """Each member's days (streaks, study days) follow their own zone, else the server's."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    @app_commands.command(name="timezone", description="Show or set the time zone your study days follow")
    @app_commands.describe(zone="An IANA zone such as Europe/Berlin; 'server' to follow the server's zone again")
    @app_commands.guild_only()
    async def timezone(self, interaction: discord.Interaction[TutorBot], zone: str | None = None) -> None:
        who = who_from_interaction(interaction)
        if zone is None:
            zones = await self.bot.tutor.time_zones(who)
        else:
            zones = await self.bot.tutor.set_time_zone(who, zone)
        await reply_privately(interaction, time_zone_line(zones.own, zones.server, zones.local_now))

    @timezone.autocomplete("zone")
    async def zone_choices(
        self, interaction: discord.Interaction[TutorBot], current: str
    ) -> list[app_commands.Choice[str]]:
        server = [FOLLOW_SERVER] if FOLLOW_SERVER.startswith(current.strip().casefold()) else []
        names = suggest_zones(current, AUTOCOMPLETE_LIMIT - len(server)) + server
        return [app_commands.Choice(name=name, value=name) for name in names]
