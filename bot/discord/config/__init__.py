"""/config: the daily quiz settings of a server."""

from bot.discord.config._cog import ConfigCog

__all__ = ["ConfigCog"]
