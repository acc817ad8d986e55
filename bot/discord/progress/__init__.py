"""/streak, /stats and /leaderboard."""

from bot.discord.progress._cog import ProgressCog

__all__ = ["ProgressCog"]
