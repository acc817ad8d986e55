"""The persistent "Quiz me on this topic" button, shown under answers and practice-question checks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.guard import TutorItem
from bot.discord.shared.rounds import start_round
from bot.service.rounds import TOPIC_ROUND_LENGTH

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


class QuizOnTopic(TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=r"tutor:topicquiz:(?P<chunk>[^:]+)"):
    """Starts a quiz round on the topic of the cited passage."""

    def __init__(self, chunk_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Quiz me on this topic",
                style=discord.ButtonStyle.primary,
                custom_id=f"tutor:topicquiz:{chunk_id}",
            )
        )
        self.chunk_id = chunk_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> QuizOnTopic:
        return cls(match["chunk"])

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        topic = (await interaction.client.tutor.passage(interaction.guild_id, self.chunk_id)).topic
        await start_round(interaction, topic=topic, length=TOPIC_ROUND_LENGTH, review=False)
