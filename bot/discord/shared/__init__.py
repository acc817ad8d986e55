"""Components several features show, in one place: quiz rounds (`start_round`, `show_round`, their answer
buttons), the "Quiz me on this topic" button (under /ask and /check answers), the Report button under every
question, the "Study it again" button of a question set aside, and pictures drawn off the event loop.

Features import these from here, never from another feature. Loaded first as an extension: its `setup` registers
the persistent components (their custom ids keep working after a restart), whichever features are loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.shared.leeches import StudyAgain, leech_embeds, leech_view
from bot.discord.shared.pictures import rendered
from bot.discord.shared.reporting import ReportQuestion, ReportReasonSelect
from bot.discord.shared.rounds import RoundAnswer, show_round, start_round
from bot.discord.shared.topic_quiz import QuizOnTopic

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

PERSISTENT_COMPONENTS = (RoundAnswer, QuizOnTopic, ReportQuestion, ReportReasonSelect, StudyAgain)

__all__ = [
    "QuizOnTopic",
    "ReportQuestion",
    "StudyAgain",
    "leech_embeds",
    "leech_view",
    "rendered",
    "show_round",
    "start_round",
]


async def setup(bot: TutorBot) -> None:
    """Register the shared persistent components with the bot (discord.py extension entry point)."""
    bot.add_dynamic_items(*PERSISTENT_COMPONENTS)


async def teardown(bot: TutorBot) -> None:
    """Forget them again when the extension is unloaded."""
    bot.remove_dynamic_items(*PERSISTENT_COMPONENTS)
