"""Component and modal callbacks report their errors the same way commands do."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import discord
from discord import app_commands

from bot.discord.errors import report_error

T = TypeVar("T")


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


def in_server(interaction: discord.Interaction) -> bool:
    """True in a server; refuses direct messages with the central handler's explanation."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    return True


def server_only() -> Callable[[T], T]:
    """Hide a command from direct messages (Discord enforces it) and refuse it there at run time too."""

    def decorate(command: T) -> T:
        return app_commands.guild_only()(app_commands.check(in_server)(command))

    return decorate
