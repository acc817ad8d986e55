"""The one place errors become replies (commands, buttons, answer boxes, events): friendly for known errors,
logged for the rest."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from bot.errors import TutorbotError

log = logging.getLogger(__name__)

GENERIC_APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again later."


def needs_a_server(command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu | None) -> bool:
    """Whether a command, or the top-level group it belongs to, was declared `guild_only`."""
    if command is None:
        return False
    top = command.root_parent if isinstance(command, app_commands.Command) else None
    return bool((top or command).guild_only)


def message_for(error: BaseException) -> str | None:
    """What to tell the member, or None when the error is unexpected (then it is logged)."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(original, TutorbotError):
        return str(original)
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command works only in a server, not in direct messages."
    if isinstance(error, app_commands.MissingPermissions):
        return "You need the Manage Server permission for that."
    if isinstance(error, app_commands.CheckFailure):
        return "You cannot use that command here."
    return None


async def reply_privately(
    interaction: discord.Interaction,
    text: str | None = None,
    *,
    embed: discord.Embed | None = None,
    embeds: list[discord.Embed] | None = None,
    view: discord.ui.View | None = None,
) -> None:
    """An ephemeral reply (text, an embed or several, buttons), whether or not the interaction was already
    deferred."""
    options: dict[str, Any] = {"ephemeral": True, "allowed_mentions": discord.AllowedMentions.none()}
    if embed is not None:
        options["embed"] = embed
    if embeds:
        options["embeds"] = embeds
    if view is not None:
        options["view"] = view
    if text is not None:
        options["content"] = text
    if interaction.response.is_done():
        await interaction.followup.send(**options)
    else:
        await interaction.response.send_message(**options)


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the member what went wrong; log unexpected errors with their traceback (never secrets)."""
    text = message_for(error)
    if text is None:
        name = interaction.command.qualified_name if interaction.command else "component"
        log.error("Unexpected error in %s", name, exc_info=error)
        text = GENERIC_APOLOGY
    try:
        await reply_privately(interaction, text)
    except discord.HTTPException:
        log.warning("Could not deliver an error reply for interaction %s", interaction.id)


async def report_event_error(event: str, args: tuple[Any, ...], error: BaseException | None) -> None:
    """An error in an event listener (a mention or direct-message reply): the member who wrote is told, as for a
    command; unexpected errors are logged."""
    text = None if error is None else message_for(error)
    if text is None:
        log.error("Unexpected error in the %s event", event, exc_info=error)
        text = GENERIC_APOLOGY
    message = next((arg for arg in args if isinstance(arg, discord.Message)), None)
    if message is None or message.author.bot:
        return
    try:
        await message.reply(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException:
        log.warning("Could not deliver an error reply to message %s", message.id)


class TutorCommandTree(app_commands.CommandTree):
    """A command tree whose errors all go through `report_error`, and that keeps server-only commands in servers.

    A command (or a whole `GroupCog`) is made server-only one way, `@app_commands.guild_only()`: Discord then hides
    it in direct messages, and this tree refuses it there at run time too (a client that still shows an old command
    list, or one that ignores the flag), with the central handler's explanation.
    """

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if interaction.guild_id is None and needs_a_server(interaction.command):
            if interaction.type is not discord.InteractionType.application_command:
                return False  # an autocomplete request in a direct message: no suggestions, nothing to say
            raise app_commands.NoPrivateMessage()
        return True

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await report_error(interaction, error)
