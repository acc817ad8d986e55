"""/help: every command with its description, built from the command tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.formatting import make_embed

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


def command_lines(tree: app_commands.CommandTree) -> list[str]:
    lines = []
    for command in sorted(tree.walk_commands(), key=lambda c: c.qualified_name):
        if isinstance(command, app_commands.Command):
            lines.append(f"`/{command.qualified_name}`: {command.description}")
    return lines


class HelpCog(commands.Cog, name="Help"):
    """What the bot can do."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What tutorbot can do")
    async def help(self, interaction: discord.Interaction[TutorBot]) -> None:
        intro = "I answer questions from the study notes (also when you mention me), quiz you and keep streaks.\n\n"
        embed = make_embed("tutorbot", intro + "\n".join(command_lines(self.bot.tree)))
        await interaction.response.send_message(embed=embed, ephemeral=True)
