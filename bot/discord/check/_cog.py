"""/check: opens the modal a practice question is pasted into."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.check._views import CheckModal

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

CHECK_RATE = 3  # checks per member ...
CHECK_PER_SECONDS = 60.0  # ... in this many seconds


class CheckCog(commands.Cog, name="Check"):
    """Practice-exam questions checked against the notes."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    @app_commands.command(name="check", description="Check a practice-exam question against the notes")
    @app_commands.describe(private="Only you see the result")
    @app_commands.checks.cooldown(CHECK_RATE, CHECK_PER_SECONDS, key=lambda i: (i.guild_id, i.user.id))
    async def check(self, interaction: discord.Interaction, private: bool = False) -> None:
        await interaction.response.send_modal(CheckModal(private))
