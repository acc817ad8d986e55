"""/mock start|resume|report|night: timed mock exams in a private flow that survives restarts, and mock nights."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.mock._cog import MockCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["MockCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(MockCog(bot))
