"""The /quiz and /review commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.formatting import choices_matching
from bot.discord.shared import start_round
from bot.service.rounds import MAX_ROUND_LENGTH

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


class QuizCog(commands.Cog, name="Quiz"):
    """Recall practice from the notes, scheduled per member."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    @app_commands.command(name="quiz", description="A short quiz from the notes")
    @app_commands.describe(topic="Only this topic", length="How many questions")
    async def quiz(
        self,
        interaction: discord.Interaction[TutorBot],
        topic: str | None = None,
        length: app_commands.Range[int, 1, MAX_ROUND_LENGTH] | None = None,
    ) -> None:
        await start_round(interaction, topic=topic, length=length, review=False)

    @quiz.autocomplete("topic")
    async def topic_choices(
        self, interaction: discord.Interaction[TutorBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return choices_matching(await self.bot.tutor.quiz_topic_sizes(interaction.guild_id), current)

    @app_commands.command(name="review", description="Review the questions due for you today")
    async def review(self, interaction: discord.Interaction[TutorBot]) -> None:
        await start_round(interaction, topic=None, length=None, review=True)
