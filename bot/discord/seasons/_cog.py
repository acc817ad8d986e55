"""Close the weeks and months just ended and announce the top three members and the winning group."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discord.formatting import NO_PINGS, add_field, make_embed
from bot.discord.shared.background import BackgroundRound
from bot.service.picture_data import period_title
from bot.service.seasons import SeasonResult

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

log = logging.getLogger(__name__)

MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def season_embed(result: SeasonResult) -> discord.Embed:
    """The announcement: the podium (ties share a medal) and the winning group(s)."""
    title = period_title(result.period, result.starts_on)
    embed = make_embed(f"Season over: {title}", "The winners of the season just ended. A new one has begun!")
    podium = "\n".join(
        f"{MEDALS[row.rank]} {discord.utils.escape_markdown(row.name or f'member {row.user_id}')}: {row.points} points"
        for row in result.podium
    )
    add_field(embed, "Top members", podium or "Nobody scored this season.")
    if result.winning_groups:
        groups = ", ".join(discord.utils.escape_markdown(g.name) for g in result.winning_groups)
        best = result.winning_groups[0]
        add_field(embed, "Winning group", f"{groups} ({best.points_per_member:.1f} points per member)")
    add_field(embed, "See it again", f"`/leaderboard period:{result.period} season:1`")
    return embed


class SeasonsCog(commands.Cog, name="Seasons"):
    """Closes seasons once (state in the database, safe across shard processes) and announces them."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        self.background = BackgroundRound(
            self.tick,
            seconds=bot.settings.discord.loop_seconds,
            grace=bot.settings.discord.shutdown_grace_seconds,
            what="season",
        )

    async def cog_unload(self) -> None:
        await self.background.stop()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        self.background.start()

    async def tick(self) -> None:
        """Announce every season just closed in this process's servers."""
        async with self.background.running:
            try:
                for result in await self.bot.tutor.close_due_seasons([guild.id for guild in self.bot.guilds]):
                    await self._announce(result)
            except Exception:
                log.exception("Season tick failed")

    async def _announce(self, result: SeasonResult) -> None:
        if not result.podium:
            return  # nobody scored: the season closes quietly
        channel = self.bot.get_channel(result.channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            log.warning(
                "Daily channel %s of guild %s is gone; season not announced", result.channel_id, result.guild_id
            )
            return
        try:
            await channel.send(embed=season_embed(result), allowed_mentions=NO_PINGS)
        except discord.HTTPException:
            await self.bot.tutor.reopen_season(result)
            log.warning("Could not announce the season in channel %s; will retry", result.channel_id)
