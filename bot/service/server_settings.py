"""A server's settings (daily quiz, time zone, public board) and who may change them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.clock import Clock
from bot.errors import InvalidInput, NotFound
from bot.service.permissions import ensure_manager
from bot.service.types import Who
from bot.storage import GuildSettings, Repositories

SETTING_NAMES = frozenset(
    {"daily_channel_id", "post_time", "time_zone", "reveal_delay_minutes", "daily_enabled", "board_public"}
)
NO_DAILY_CHANNEL = "Choose a channel for the daily quiz before enabling it."


class ServerSettings:
    """Reads and changes each server's settings; only managers change them."""

    def __init__(self, repos: Repositories, clock: Clock) -> None:
        self.repos = repos
        self.clock = clock

    async def get(self, guild_id: int) -> GuildSettings:
        """The server's settings (the defaults for a server never configured)."""
        return await self.repos.settings.get(guild_id)

    async def configure(self, who: Who, **changes: Any) -> GuildSettings:
        """Change some of SETTING_NAMES and return the settings saved; with no changes, the current settings.

        Only managers see or change them (NotAllowed, changes or not). NotFound names unknown settings; InvalidInput
        for a daily quiz switched on without a channel. Values are checked by storage (InvalidInput: a zone that is
        no place, a post time not HH:MM)."""
        ensure_manager(who, "change tutorbot's settings")
        unknown = set(changes) - SETTING_NAMES
        if unknown:
            raise NotFound(f"Unknown settings: {', '.join(sorted(unknown))}.")
        current = await self.repos.settings.get(who.guild_id)
        if not changes:
            return current
        wanted = replace(current, **changes)
        if wanted.daily_enabled and wanted.daily_channel_id is None:
            raise InvalidInput(NO_DAILY_CHANNEL)
        return await self.repos.settings.save(wanted, self.clock.now())
