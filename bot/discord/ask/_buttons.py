"""Persistent buttons under an answer: their custom_ids carry the passage they refer to."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.formatting import passage_embed
from bot.discord.guard import TutorItem
from bot.discord.members import who_from_interaction
from bot.discord.shared import QuizOnTopic

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


class ShowPassage(TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=r"tutor:passage:(?P<chunk>[^:]+)"):
    """Shows the full cited passage, only to the member who clicked."""

    def __init__(self, chunk_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Show passage", style=discord.ButtonStyle.secondary, custom_id=f"tutor:passage:{chunk_id}"
            )
        )
        self.chunk_id = chunk_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ShowPassage:
        return cls(match["chunk"])

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        embed = passage_embed(await interaction.client.tutor.passage(interaction.guild_id, self.chunk_id))
        await interaction.response.send_message(embed=embed, ephemeral=True)


class Feedback(
    TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=r"tutor:feedback:(?P<helpful>[01]):(?P<chunk>[^:]*)"
):
    """Helpful / Not helpful: stored with the question (the answer's title) and the cited passage."""

    def __init__(self, helpful: bool, chunk_id: str) -> None:
        label, style = (
            ("Helpful", discord.ButtonStyle.success) if helpful else ("Not helpful", discord.ButtonStyle.danger)
        )
        super().__init__(
            discord.ui.Button(label=label, style=style, custom_id=f"tutor:feedback:{int(helpful)}:{chunk_id}")
        )
        self.helpful = helpful
        self.chunk_id = chunk_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Feedback:
        return cls(match["helpful"] == "1", match["chunk"])

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        embeds = interaction.message.embeds if interaction.message else []
        question = (embeds[0].title if embeds else None) or ""
        chunks = [self.chunk_id] if self.chunk_id else []
        answer_id = str(interaction.message.id if interaction.message else interaction.id)
        who = who_from_interaction(interaction)
        await interaction.client.tutor.feedback(who, answer_id, question, self.helpful, chunks)
        await interaction.response.send_message("Thanks for the feedback!", ephemeral=True)


ANSWER_BUTTONS = (ShowPassage, Feedback)  # and the shared QuizOnTopic


def answer_view(chunk_id: str | None) -> discord.ui.View:
    """The buttons under an answer (passage and topic quiz only when it cites a passage)."""
    view = discord.ui.View(timeout=None)
    if chunk_id:
        view.add_item(ShowPassage(chunk_id))
        view.add_item(QuizOnTopic(chunk_id))
    view.add_item(Feedback(True, chunk_id or ""))
    view.add_item(Feedback(False, chunk_id or ""))
    return view
