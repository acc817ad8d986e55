"""/ask, the answer buttons and mention replies."""

from bot.discord.ask._cog import AskCog

__all__ = ["AskCog"]
