"""The daily-quiz loop: each server's post, then each due reveal, every one claimed just before it is sent."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, TypeVar

import discord
from discord.ext import commands

from bot.discord.daily._buttons import DailyAnswer
from bot.discord.daily._steps import StepRefused, send_post, send_reveal
from bot.discord.formatting import NO_PINGS, safe
from bot.discord.shared.background import BackgroundRound
from bot.errors import StorageUnavailable
from bot.storage import DailyPost, DailyProblem, GuildSettings

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

log = logging.getLogger(__name__)

T = TypeVar("T")


class DailyCog(commands.Cog, name="Daily"):
    """Posts each server's daily quiz once and reveals it later; state lives in the database.

    Each server is handled on its own: one server's failure (Discord or database) never costs another its post
    or reveal. A step cut short (crash, stop) is claimed again once its lease lapses.
    """

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        self.background = BackgroundRound(
            self.tick,
            seconds=bot.settings.discord.loop_seconds,
            grace=bot.settings.discord.shutdown_grace_seconds,
            what="daily-quiz",
        )
        self._unrecorded: dict[int, tuple[DailyPost, int]] = {}  # sent posts whose message id is not stored yet

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(DailyAnswer)

    async def cog_unload(self) -> None:
        """Let a tick in progress finish (its database work is never cut in half), then stop."""
        await self.background.stop()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        self.background.start()

    async def tick(self) -> None:
        """Send the due daily posts, then the due reveals (safe to run from several processes at once)."""
        async with self.background.running:
            guild_ids = [guild.id for guild in self.bot.guilds]
            for post, message_id in list(self._unrecorded.values()):
                await self._isolated(self._record(post, message_id), post.guild_id)
            for server in await self._isolated(self.bot.tutor.due_daily_servers(guild_ids), None) or []:
                await self._isolated(self._post(server), server.guild_id)
            for post in await self._isolated(self.bot.tutor.due_reveals(guild_ids), None) or []:
                await self._isolated(self._reveal(post), post.guild_id)
            for notice in await self._isolated(self.bot.tutor.daily_problems_to_tell(guild_ids), None) or []:
                await self._isolated(self._tell_managers(notice), notice.guild_id)

    async def _isolated(self, step: Awaitable[T], guild_id: int | None) -> T | None:
        """Run one server's step; a failure is logged and costs only this step (retried at a later tick)."""
        try:
            return await step
        except (StorageUnavailable, discord.HTTPException) as error:
            log.warning("Daily quiz (server %s) put off: %s", guild_id, error)
        except Exception:
            log.exception("Daily quiz step failed (server %s)", guild_id)
        return None

    async def _post(self, server: GuildSettings) -> None:
        daily = await self.bot.tutor.claim_daily_post(server)
        if daily is None:
            return
        try:
            message_id = await send_post(self.bot, daily)
        except StepRefused as refused:
            await self._failed(daily.post, refused.problem)
            return
        await self._record(daily.post, message_id)

    async def _record(self, post: DailyPost, message_id: int) -> None:
        """Store the sent post's message id; while the database refuses, keep it here and retry every tick."""
        self._unrecorded[post.id] = (post, message_id)
        await self.bot.tutor.daily_sent(post, message_id)
        del self._unrecorded[post.id]

    async def _reveal(self, post: DailyPost) -> None:
        reveal = await self.bot.tutor.claim_reveal(post)
        if reveal is None:
            return
        try:
            await send_reveal(self.bot, reveal)
        except StepRefused as refused:
            await self._failed(post, refused.problem)
            return
        await self.bot.tutor.daily_revealed(post.id)

    async def _failed(self, post: DailyPost, problem: str) -> None:
        log.warning("Daily quiz of server %s: %s", post.guild_id, problem)
        await self.bot.tutor.daily_step_failed(post, problem)

    async def _tell_managers(self, notice: DailyProblem) -> None:
        """Tell the server's owner by direct message, once per problem (/config shows it to every manager).

        A message Discord fails to deliver for now (5xx, a long rate limit) is tried again at the next tick; one it
        refuses for good (the owner accepts no direct messages) is given up.
        """
        guild = self.bot.get_guild(notice.guild_id)
        if guild is None:
            return
        text = (
            f"The daily quiz of **{safe(guild.name)}** is stopped for today: {notice.problem}. "
            "tutorbot tries again tomorrow; `/config` shows this until a post succeeds."
        )
        try:
            owner = guild.owner or await self.bot.fetch_user(guild.owner_id or 0)
            await owner.send(text, allowed_mentions=NO_PINGS)
        except (discord.Forbidden, discord.NotFound) as error:
            log.warning("The owner of server %s cannot be told about its daily quiz (%s)", guild.id, error.status)
        await self.bot.tutor.daily_problem_told(notice)
