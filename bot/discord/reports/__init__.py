"""Reported questions: a Report button under every quiz and daily question, and /reports for managers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.reports._cog import ReportsCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["ReportsCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(ReportsCog(bot))
