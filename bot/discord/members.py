"""Who is acting, from an interaction or a message: the service's `Who`."""

from __future__ import annotations

import discord

from bot.service.types import Who


def who_from_interaction(interaction: discord.Interaction) -> Who:
    """guild_id 0 in DMs; `is_manager` from the member's Manage Server permission in this channel."""
    guild_id = interaction.guild_id or 0
    manager = bool(guild_id and interaction.permissions.manage_guild)
    return Who(guild_id, interaction.user.id, interaction.user.display_name, is_manager=manager)


def who_for_member(interaction: discord.Interaction, member: discord.abc.User | None) -> Who:
    """The named member (or the caller) in the interaction's server."""
    if member is None:
        return who_from_interaction(interaction)
    return Who(interaction.guild_id or 0, member.id, member.display_name)
