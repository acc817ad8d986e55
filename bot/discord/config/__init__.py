"""/config: the daily quiz settings of a server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.config._cog import ConfigCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["ConfigCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(ConfigCog(bot))
