"""/check: a pasted practice-exam question checked against the notes, option by option."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.check._cog import CheckCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["CheckCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(CheckCog(bot))
