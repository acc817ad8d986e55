"""Persistent report components under every quiz, drill and daily question: `tutor:report:<prompt>` (the button)
opens a private `tutor:reportwhy:<prompt>` select of reasons."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.guard import TutorItem
from bot.discord.members import who_from_interaction
from bot.service.reports import REPORT_REASONS

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


class ReportQuestion(TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=r"tutor:report:(?P<prompt>[^:]+)"):
    """Under a quiz or daily question: asks the member, privately, what is wrong with it."""

    def __init__(self, prompt_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Report", style=discord.ButtonStyle.secondary, custom_id=f"tutor:report:{prompt_id}"
            )
        )
        self.prompt_id = prompt_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ReportQuestion:
        return cls(match["prompt"])

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        view = discord.ui.View(timeout=None)
        view.add_item(ReportReasonSelect(self.prompt_id))
        await interaction.response.send_message("What is wrong with this question?", view=view, ephemeral=True)


class ReportReasonSelect(
    TutorItem, discord.ui.DynamicItem[discord.ui.Select], template=r"tutor:reportwhy:(?P<prompt>[^:]+)"
):
    """The reasons to report a question; choosing one records the member's report (once per question)."""

    def __init__(self, prompt_id: str) -> None:
        options = [discord.SelectOption(label=label, value=key) for key, label in REPORT_REASONS.items()]
        super().__init__(
            discord.ui.Select(custom_id=f"tutor:reportwhy:{prompt_id}", placeholder="Choose a reason", options=options)
        )
        self.prompt_id = prompt_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ReportReasonSelect:
        return cls(match["prompt"])

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        reason = self.item.values[0] if self.item.values else ""
        outcome = await interaction.client.tutor.report(who_from_interaction(interaction), self.prompt_id, reason)
        if not outcome.new:
            text = "You have reported this question already; thank you."
        elif outcome.suspended:
            text = "Thanks for the report. The question is suspended in this server until a manager looks at it."
        else:
            text = "Thanks for the report; the server's managers can see it in /reports."
        await interaction.response.edit_message(content=text, view=None)
