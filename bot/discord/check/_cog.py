"""/check: opens the modal a practice question is pasted into."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.check._views import CheckModal
from bot.discord.guard import MemberRateLimit

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


class CheckCog(commands.Cog, name="Check"):
    """Practice-exam questions checked against the notes."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        self.limit = MemberRateLimit(bot.settings.discord.check_rate, bot.settings.discord.check_per_seconds)

    @app_commands.command(name="check", description="Check a practice-exam question against the notes")
    @app_commands.describe(private="Only you see the result")
    async def check(self, interaction: discord.Interaction[TutorBot], private: bool = False) -> None:
        self.limit.check(interaction.guild_id, interaction.user.id)
        await interaction.response.send_modal(CheckModal(private))
