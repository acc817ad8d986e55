"""The daily quiz: the posting loop, the answer buttons and the reveal."""

from bot.discord.daily._cog import DailyCog

__all__ = ["DailyCog"]
