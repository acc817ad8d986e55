"""The weak-spot drill, shown and answered like a quiz round (the quiz feature's buttons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.members import who_from_interaction
from bot.discord.shared import show_round
from bot.service.rounds import MAX_ROUND_LENGTH

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

NOTHING_WEAK = "Nothing to drill yet: answer some quiz questions or take a mock exam (/mock start) first."


@app_commands.guild_only()
class DrillCog(commands.GroupCog, group_name="drill", group_description="Drills on your weak spots"):
    """Drill commands."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="weak", description="Your recent misses, weakest exam domains and leeches")
    @app_commands.describe(length="How many questions")
    async def weak(
        self,
        interaction: discord.Interaction[TutorBot],
        length: app_commands.Range[int, 1, MAX_ROUND_LENGTH] | None = None,
    ) -> None:
        drill = await self.bot.tutor.start_drill(who_from_interaction(interaction), length)
        await show_round(interaction, drill, NOTHING_WEAK)
