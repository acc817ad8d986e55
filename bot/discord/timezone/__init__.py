"""/timezone: the zone a member's study days follow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.timezone._cog import TimeZoneCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["TimeZoneCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(TimeZoneCog(bot))
