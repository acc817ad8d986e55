"""Persistent report components: `tutor:report:<prompt>` (the button under a question) opens a private
`tutor:reportwhy:<prompt>` select of reasons; `tutor:restore` is the managers' select under /reports."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.discord.formatting import clip
from bot.discord.guard import TutorItem, tutor_bot
from bot.discord.members import who_from_interaction
from bot.service.reports import REPORT_REASONS
from bot.service.types import ReportedItem

OPTION_LABEL_LIMIT = 100
MAX_OPTIONS = 25


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

    async def respond(self, interaction: discord.Interaction) -> None:
        view = discord.ui.View(timeout=None)
        view.add_item(ReportReason(self.prompt_id))
        await interaction.response.send_message("What is wrong with this question?", view=view, ephemeral=True)


class ReportReason(TutorItem, discord.ui.DynamicItem[discord.ui.Select], template=r"tutor:reportwhy:(?P<prompt>[^:]+)"):
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
    ) -> ReportReason:
        return cls(match["prompt"])

    async def respond(self, interaction: discord.Interaction) -> None:
        reason = self.item.values[0] if self.item.values else ""
        outcome = await tutor_bot(interaction).tutor.report(who_from_interaction(interaction), self.prompt_id, reason)
        if not outcome.new:
            text = "You have reported this question already; thank you."
        elif outcome.suspended:
            text = "Thanks for the report. The question is suspended in this server until a manager looks at it."
        else:
            text = "Thanks for the report; the server's managers can see it in /reports."
        await interaction.response.edit_message(content=text, view=None)


def reported_line(number: int, reported: ReportedItem) -> str:
    """One line of /reports: status, reporters and reasons, and the question."""
    status = "suspended" if reported.suspended else "reported"
    who = "a manager" if reported.by_manager else f"{reported.reporters} member" + "s" * (reported.reporters != 1)
    reasons = ", ".join(f"{REPORT_REASONS.get(k, k).lower()} ×{n}" for k, n in reported.reasons.items())
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

    async def respond(self, interaction: discord.Interaction) -> None:
        prompt_id = self.item.values[0] if self.item.values else ""
        await tutor_bot(interaction).tutor.restore_question(who_from_interaction(interaction), prompt_id)
        await interaction.response.send_message("Restored: the question is asked in this server again.", ephemeral=True)


def _placeholder() -> discord.SelectOption:
    return discord.SelectOption(label="No reported questions", value="-")
