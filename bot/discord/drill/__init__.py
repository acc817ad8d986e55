"""/drill weak: a quiz round on the member's weak spots (recent misses, weakest exam domains, leeches)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.drill._cog import DrillCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["DrillCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(DrillCog(bot))
