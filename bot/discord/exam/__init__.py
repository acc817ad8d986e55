"""/exam set|show|clear|result: exam days for members and study groups, and reported outcomes."""

from bot.discord.exam._cog import ExamCog

__all__ = ["ExamCog"]
