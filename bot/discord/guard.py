"""Component and modal callbacks report their errors the same way commands do."""

from __future__ import annotations

from collections.abc import Awaitable

import discord

from bot.discord.errors import report_error


async def guarded(interaction: discord.Interaction, action: Awaitable[None]) -> None:
    """Run a component's work; any error becomes the same reply (and log) as a command's."""
    try:
        await action
    except Exception as error:
        await report_error(interaction, error)


class TutorView(discord.ui.View):
    """A view whose item errors go through the central handler."""

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item) -> None:
        await report_error(interaction, error)


class TutorModal(discord.ui.Modal):
    """A modal whose submit errors go through the central handler."""

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await report_error(interaction, error)
