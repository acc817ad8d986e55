"""The terminal tutor: the same tutor service as the Discord bot, for one local member."""

from bot.console._input import Interrupted, ReadLine
from bot.console._render import plain_console
from bot.console._session import ConsoleSession, run_console

__all__ = ["ConsoleSession", "Interrupted", "ReadLine", "plain_console", "run_console"]
