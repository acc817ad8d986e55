"""/help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.help._cog import HelpCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["HelpCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(HelpCog(bot))
