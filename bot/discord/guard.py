"""Buttons and answer boxes report their errors the same way commands do, by construction (their base classes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.discord.errors import report_error

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

T = TypeVar("T")


def tutor_bot(interaction: discord.Interaction) -> TutorBot:
    """The bot an interaction came to (discord.py types `interaction.client` as the plain client)."""
    return interaction.client  # type: ignore[return-value]


ANSWER_BOX_TIMEOUT_SECONDS = 15 * 60.0  # an answer box (modal) not submitted by then is forgotten


class TutorItem:
    """Base of every tutorbot button: `respond` does the work, and any error it raises goes to the central
    handler (the member always gets an answer). Subclasses implement `respond`, never `callback`.

    Mix it in first: `class Foo(TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=...)`.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "callback" in cls.__dict__:
            raise TypeError(f"{cls.__name__} must implement respond(), not callback(): errors would bypass the handler")

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.respond(interaction)
        except Exception as error:
            await report_error(interaction, error)

    async def respond(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


class TutorModal(discord.ui.Modal):
    """Base of every answer box: submit errors go through the central handler; forgotten after a timeout."""

    def __init__(self, *, timeout: float = ANSWER_BOX_TIMEOUT_SECONDS) -> None:
        super().__init__(timeout=timeout)

    # discord.py's Modal itself narrows View.on_error to (interaction, error): no item fails in a modal.
    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


def clicked_label(item: discord.ui.Item[Any]) -> str:
    """The label of the clicked button ("" for other components or a button without one)."""
    return (item.label or "") if isinstance(item, discord.ui.Button) else ""


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
