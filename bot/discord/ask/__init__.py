"""/ask, the answer buttons and mention replies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.ask._cog import AskCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["AskCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(AskCog(bot))
