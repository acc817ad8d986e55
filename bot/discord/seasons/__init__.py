"""Seasons: the loop that closes each server's weeks and months and announces their winners."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.seasons._cog import SeasonsCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["SeasonsCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(SeasonsCog(bot))
