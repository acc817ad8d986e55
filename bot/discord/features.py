"""Every feature cog, in the order they are added."""

from bot.discord.ask import AskCog
from bot.discord.check import CheckCog
from bot.discord.config import ConfigCog
from bot.discord.daily import DailyCog
from bot.discord.drill import DrillCog
from bot.discord.exam import ExamCog
from bot.discord.groups import GroupsCog
from bot.discord.help import HelpCog
from bot.discord.mock import MockCog
from bot.discord.notes import NotesCog
from bot.discord.progress import ProgressCog
from bot.discord.quiz import QuizCog
from bot.discord.reports import ReportsCog
from bot.discord.rewards import RewardsCog
from bot.discord.seasons import SeasonsCog
from bot.discord.timezone import TimeZoneCog

FEATURE_COGS = (
    AskCog,
    CheckCog,
    QuizCog,
    ReportsCog,
    ProgressCog,
    TimeZoneCog,
    GroupsCog,
    ConfigCog,
    HelpCog,
    DailyCog,
    SeasonsCog,
    RewardsCog,
    ExamCog,
    MockCog,
    DrillCog,
    NotesCog,
)
