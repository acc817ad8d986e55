"""/timezone: the zone a member's study days follow."""

from bot.discord.timezone._cog import TimeZoneCog

__all__ = ["TimeZoneCog"]
