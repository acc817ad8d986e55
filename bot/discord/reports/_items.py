"""/reports' persistent select, `tutor:restore` (managers), and the lines it lists. The Report button under every
question is a shared component (bot/discord/shared/reporting.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.formatting import clip
from bot.discord.guard import TutorItem
from bot.discord.members import who_from_interaction
from bot.service.reports import REPORT_REASONS
from bot.service.types import ReportedItem

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

OPTION_LABEL_LIMIT = 100
MAX_OPTIONS = 25


def reported_line(number: int, reported: ReportedItem) -> str:
    """One line of /reports: status, reporters and reasons, and the question."""
    status = "suspended" if reported.suspended else "reported"
    who = "a manager" if reported.by_manager else f"{reported.reporters} member" + "s" * (reported.reporters != 1)
    reasons = ", ".join(f"{REPORT_REASONS[k].lower()} ×{n}" for k, n in reported.reasons.items())
    question = reported.prompt.question if reported.prompt else f"(no longer in the notes: {reported.prompt_id})"
    return f"**{number}.** {status} by {who} ({reasons})\n{clip(question, 300)}"


def restore_view(reported: list[ReportedItem]) -> discord.ui.View:
    """A select to restore one of the listed questions."""
    view = discord.ui.View(timeout=None)
    view.add_item(RestoreQuestion(reported[:MAX_OPTIONS]))
    return view


class RestoreQuestion(TutorItem, discord.ui.DynamicItem[discord.ui.Select], template=r"tutor:restore"):
    """Managers only: clears the chosen question's reports, so it is asked in this server again."""

    def __init__(self, reported: list[ReportedItem] | None = None) -> None:
        options = [
            discord.SelectOption(
                label=clip(f"{n}. {q.prompt.question if q.prompt else q.prompt_id}", 100), value=q.prompt_id
            )
            for n, q in enumerate(reported or [], start=1)
        ]
        super().__init__(
            discord.ui.Select(
                custom_id="tutor:restore", placeholder="Restore a question", options=options or [_placeholder()]
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RestoreQuestion:
        return cls()

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        prompt_id = self.item.values[0] if self.item.values else ""
        await interaction.client.tutor.restore_question(who_from_interaction(interaction), prompt_id)
        await interaction.response.send_message("Restored: the question is asked in this server again.", ephemeral=True)


def _placeholder() -> discord.SelectOption:
    return discord.SelectOption(label="No reported questions", value="-")
