"""/help."""

from bot.discord.help._cog import HelpCog

__all__ = ["HelpCog"]
