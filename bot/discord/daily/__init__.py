"""The daily quiz: the posting loop, the answer buttons and the reveal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.daily._cog import DailyCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["DailyCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(DailyCog(bot))
