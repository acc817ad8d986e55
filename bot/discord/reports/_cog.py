"""/reports: the server's reported questions, for its managers, with a select to restore one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.formatting import make_embed
from bot.discord.members import who_from_interaction
from bot.discord.reports._items import (
    MAX_OPTIONS,
    RestoreQuestion,
    reported_line,
    restore_view,
)

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

SHOWN = 10  # questions listed in the embed (the restore select offers up to MAX_OPTIONS)


class ReportsCog(commands.Cog, name="Reports"):
    """Members report questions; managers see them and restore those that are fine."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(RestoreQuestion)

    @app_commands.command(name="reports", description="Reported quiz questions (managers)")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def reports(self, interaction: discord.Interaction[TutorBot]) -> None:
        reported = await self.bot.tutor.reported_questions(who_from_interaction(interaction))
        if not reported:
            await interaction.response.send_message("No question has been reported in this server.", ephemeral=True)
            return
        lines = [reported_line(n, q) for n, q in enumerate(reported[:SHOWN], start=1)]
        if len(reported) > SHOWN:
            lines.append(f"…and {len(reported) - SHOWN} more (the select below offers up to {MAX_OPTIONS}).")
        embed = make_embed(f"Reported questions ({len(reported)})", "\n\n".join(lines))
        await interaction.response.send_message(embed=embed, view=restore_view(reported), ephemeral=True)
