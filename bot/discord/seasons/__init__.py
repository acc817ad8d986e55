"""Seasons: the loop that closes each server's weeks and months and announces their winners."""

from bot.discord.seasons._cog import SeasonsCog

__all__ = ["SeasonsCog"]
