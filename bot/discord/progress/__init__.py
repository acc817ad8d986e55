"""/streak, /stats and /leaderboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.progress._cog import ProgressCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["ProgressCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(ProgressCog(bot))
