"""What every feature builds on: buttons and answer boxes that report their errors the same way commands do, by
construction (their base classes), hand their subclasses interactions typed by TutorBot, and one member rate
limit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.errors import report_error

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


def of_tutorbot(interaction: discord.Interaction[Any]) -> discord.Interaction[TutorBot]:
    """The interaction typed by the bot it came to. discord.py types the interactions it hands to overridable
    component hooks (`Item.callback`, `Modal.on_submit`) by any client; every tutorbot component runs in TutorBot,
    so the bases below narrow them here, once, and subclasses receive `discord.Interaction[TutorBot]`."""
    return cast("discord.Interaction[TutorBot]", interaction)


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

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self.respond(of_tutorbot(interaction))
        except Exception as error:
            await report_error(interaction, error)

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        raise NotImplementedError


class TutorModal(discord.ui.Modal):
    """Base of every answer box: subclasses implement `submit`; its errors go through the central handler; the
    box is forgotten after a timeout."""

    def __init__(self, *, timeout: float = ANSWER_BOX_TIMEOUT_SECONDS) -> None:
        super().__init__(timeout=timeout)

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        await self.submit(of_tutorbot(interaction))

    async def submit(self, interaction: discord.Interaction[TutorBot]) -> None:
        raise NotImplementedError

    # discord.py's Modal itself narrows View.on_error to (interaction, error): no item fails in a modal.
    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


def clicked_label(item: discord.ui.Item[Any]) -> str:
    """The label of the clicked button ("" for other components or a button without one)."""
    return (item.label or "") if isinstance(item, discord.ui.Button) else ""


class MemberRateLimit:
    """A member's rate limit, per server, written one way for every feature: `rate` uses per `per` seconds.

    `check` counts one use and raises `app_commands.CommandOnCooldown` (the central handler's "slow down") when
    over the limit. It works for slash commands and for message events alike (ask counts /ask, mentions and
    direct messages together).
    """

    def __init__(self, rate: int, per: float) -> None:
        self._buckets = commands.CooldownMapping(app_commands.Cooldown(rate, per), lambda key: key)

    def check(self, guild_id: int | None, user_id: int) -> None:
        bucket = self._buckets.get_bucket((guild_id or 0, user_id))
        assert bucket is not None  # a mapping with a cooldown always hands out a bucket
        retry_after = bucket.update_rate_limit()
        if retry_after is not None:
            raise app_commands.CommandOnCooldown(bucket, retry_after)
