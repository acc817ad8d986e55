"""/group create|join|leave|delete|list|info."""

from bot.discord.groups._cog import GroupsCog

__all__ = ["GroupsCog"]
