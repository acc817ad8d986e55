"""/mock start|resume|report|night: timed mock exams in a private flow that survives restarts, and mock nights."""

from bot.discord.mock._cog import MockCog

__all__ = ["MockCog"]
