"""The daily-quiz loop: claim due posts, send them, then reveal answers when their time comes."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands, tasks

from bot.discord.daily._buttons import DailyAnswer, daily_view
from bot.discord.formatting import add_field, make_embed, prompt_embed, prompt_source
from bot.service.types import DailyQuiz, DailyReveal

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

log = logging.getLogger(__name__)

SHUTDOWN_GRACE_SECONDS = 10.0


def reveal_embed(reveal: DailyReveal) -> discord.Embed:
    results = reveal.results
    embed = make_embed("Daily quiz: the answer", f"**{reveal.prompt.question}**\n\n**Answer:** {reveal.prompt.answer}")
    if reveal.prompt.explanation:
        add_field(embed, "Why", reveal.prompt.explanation)
    add_field(embed, "Source", prompt_source(reveal.prompt))
    add_field(embed, "Results", f"{results.correct} of {results.answered} answered correctly")
    return embed


class DailyCog(commands.Cog, name="Daily"):
    """Posts each server's daily quiz once and reveals it later; state lives in the database."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        self.loop = tasks.loop(seconds=bot.daily_interval)(self.tick)
        self._ticking = asyncio.Lock()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(DailyAnswer)

    async def cog_unload(self) -> None:
        """Let a tick in progress finish (its database work is never cut in half), then stop."""
        try:
            await asyncio.wait_for(self._ticking.acquire(), timeout=SHUTDOWN_GRACE_SECONDS)
        except TimeoutError:
            log.warning("A daily-quiz tick did not finish within %.0f s; stopping it", SHUTDOWN_GRACE_SECONDS)
        self.loop.cancel()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        if not self.loop.is_running():
            self.loop.start()

    def _guild_ids(self) -> list[int]:
        return [guild.id for guild in self.bot.guilds]

    async def tick(self) -> None:
        """Send the due daily posts, then the due reveals (safe to run from several processes at once)."""
        async with self._ticking:
            try:
                for daily in await self.bot.tutor.claim_due_daily_posts(self._guild_ids()):
                    await self._post(daily)
                for reveal in await self.bot.tutor.due_reveals(self._guild_ids()):
                    await self._reveal(reveal)
            except Exception:
                log.exception("Daily quiz tick failed")

    async def _post(self, daily: DailyQuiz) -> None:
        channel = self.bot.get_channel(daily.post.channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            await self.bot.tutor.daily_failed(daily.post.id)
            log.warning("Daily quiz channel %s of guild %s is gone", daily.post.channel_id, daily.post.guild_id)
            return
        embed = prompt_embed(daily.prompt, f"Daily quiz for {daily.post.local_date:%A %d %B}")
        try:
            message = await channel.send(embed=embed, view=daily_view(daily.post.id, daily.prompt))
        except discord.HTTPException:
            await self.bot.tutor.daily_failed(daily.post.id)
            log.warning("Could not post the daily quiz in channel %s; will retry", daily.post.channel_id)
            return
        await self.bot.tutor.daily_sent(daily.post.id, message.id)

    async def _reveal(self, reveal: DailyReveal) -> None:
        channel = self.bot.get_channel(reveal.post.channel_id)
        if not isinstance(channel, discord.TextChannel):
            return
        reference = channel.get_partial_message(reveal.post.message_id) if reveal.post.message_id else None
        if reference is not None:
            try:
                await reference.edit(view=None)
            except discord.HTTPException:
                log.info("Daily post %s could not be closed (deleted?)", reveal.post.id)
        await channel.send(embed=reveal_embed(reveal), reference=reference, mention_author=False)
