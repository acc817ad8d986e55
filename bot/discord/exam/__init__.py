"""/exam set|show|clear|result: exam days for members and study groups, and reported outcomes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.exam._cog import ExamCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["ExamCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(ExamCog(bot))
