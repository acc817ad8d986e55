"""A server's own notes: /notes add (attachments, managers), list, remove, default on|off, download."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.notes._cog import NotesCog

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

__all__ = ["NotesCog", "setup"]


async def setup(bot: TutorBot) -> None:
    """Add the feature to the bot (discord.py extension entry point)."""
    await bot.add_cog(NotesCog(bot))
