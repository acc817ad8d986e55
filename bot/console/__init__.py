"""The terminal tutor: the same tutor service as the Discord bot, for one local member."""

from bot.console._session import ConsoleSession, run_console

__all__ = ["ConsoleSession", "run_console"]
