"""Study groups: a member creates one, others join, groups compete on the leaderboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.formatting import NO_PINGS, add_field, make_embed, safe
from bot.discord.members import who_from_interaction

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


@app_commands.guild_only()
class GroupsCog(commands.GroupCog, group_name="group", group_description="Study groups"):
    """Study group commands."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        super().__init__()

    async def _say(self, interaction: discord.Interaction[TutorBot], text: str) -> None:
        await interaction.response.send_message(text, allowed_mentions=NO_PINGS)

    @app_commands.command(name="create", description="Create a study group (you join it)")
    async def create(self, interaction: discord.Interaction[TutorBot], name: str) -> None:
        group = await self.bot.tutor.create_group(who_from_interaction(interaction), name)
        await self._say(interaction, f"Study group **{safe(group.name)}** created.")

    @app_commands.command(name="join", description="Join a study group")
    async def join(self, interaction: discord.Interaction[TutorBot], name: str) -> None:
        group = await self.bot.tutor.join_group(who_from_interaction(interaction), name)
        await self._say(interaction, f"You joined **{safe(group.name)}** ({group.member_count} members).")

    @app_commands.command(name="leave", description="Leave a study group")
    async def leave(self, interaction: discord.Interaction[TutorBot], name: str) -> None:
        group = await self.bot.tutor.leave_group(who_from_interaction(interaction), name)
        await self._say(interaction, f"You left **{safe(group.name)}**.")

    @app_commands.command(name="delete", description="Delete a study group (its owner or a server manager)")
    async def delete(self, interaction: discord.Interaction[TutorBot], name: str) -> None:
        group = await self.bot.tutor.delete_group(who_from_interaction(interaction), name)
        await self._say(interaction, f"Study group **{safe(group.name)}** deleted.")

    @app_commands.command(name="list", description="The server's study groups")
    async def list_groups(self, interaction: discord.Interaction[TutorBot]) -> None:
        assert interaction.guild_id is not None
        groups = await self.bot.tutor.list_groups(interaction.guild_id)
        lines = [f"• **{safe(g.name)}**: {g.member_count} member(s)" for g in groups]
        text = "\n".join(lines) or "No study groups yet. Create one with /group create."
        await interaction.response.send_message(embed=make_embed("Study groups", text), allowed_mentions=NO_PINGS)

    @app_commands.command(name="info", description="Who is in a study group")
    async def info(self, interaction: discord.Interaction[TutorBot], name: str) -> None:
        assert interaction.guild_id is not None
        info = await self.bot.tutor.group_info(interaction.guild_id, name)
        members = [safe(m.display_name or f"member {m.user_id}") for m in info.members if not m.has_left]
        embed = make_embed(f"Study group {safe(info.group.name)}", f"Owner: <@{info.group.owner_id}>")
        add_field(embed, f"Members ({len(members)})", ", ".join(members) or "nobody yet")
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_PINGS)
