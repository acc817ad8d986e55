"""/group create|join|leave|delete|list|info."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.groups._cog import GroupsCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["GroupsCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(GroupsCog(bot))
