"""Reported questions: a Report button under every quiz and daily question, and /reports for managers."""

from bot.discord.reports._cog import ReportsCog
from bot.discord.reports._items import ReportQuestion

__all__ = ["ReportQuestion", "ReportsCog"]
