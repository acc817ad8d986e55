"""/check: a pasted practice-exam question checked against the notes, option by option."""

from bot.discord.check._cog import CheckCog

__all__ = ["CheckCog"]
