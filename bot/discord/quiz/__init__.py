"""/quiz and /review: one prompt at a time, buttons for choices, a modal for typed answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.quiz._cog import QuizCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["QuizCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(QuizCog(bot))
