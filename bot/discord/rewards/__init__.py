"""Role rewards: `/rewards add|remove|list` for managers, and the loop that gives and takes the roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.rewards._cog import RewardsCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["RewardsCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(RewardsCog(bot))
