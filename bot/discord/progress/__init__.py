"""/streak, /stats and /leaderboard; `rendered` draws a picture off the event loop as an attachment."""

from bot.discord.progress._cards import rendered
from bot.discord.progress._cog import ProgressCog

__all__ = ["ProgressCog", "rendered"]
