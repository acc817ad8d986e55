"""Streaks, stats cards and leaderboards (member and group vs group)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.formatting import MESSAGE_LIMIT, NO_PINGS, add_field, clip, make_embed, safe
from bot.discord.members import who_for_member
from bot.discord.shared import rendered
from bot.discord.tables import code_block
from bot.pictures import leaderboard_table, mastery_table, render_leaderboard, render_mastery, render_stats_card
from bot.service.boards import OLDEST_SEASON
from bot.service.exams import countdown_line
from bot.service.picture_data import group_board_data, mastery_data, member_board_data, stats_card_data
from bot.service.types import GroupBoard

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

Period = Literal["week", "month", "all"]


class ProgressCog(commands.Cog, name="Progress"):
    """How members and groups are doing."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        """A member who left is hidden from the leaderboards (needs the members intent; answering again unhides)."""
        await self.bot.tutor.member_left(payload.guild_id, payload.user.id)

    @app_commands.command(name="streak", description="A member's study streak")
    @app_commands.guild_only()
    async def streak(self, interaction: discord.Interaction[TutorBot], member: discord.Member | None = None) -> None:
        who = who_for_member(interaction, member)
        streak = await self.bot.tutor.streak(who)
        today = "studied today" if streak.studied_today else "not studied yet today"
        text = (
            f"**{safe(who.name)}**: {streak.current}-day streak (best {streak.best}), "
            f"{streak.freezes_held} freeze(s), {today}."
        )
        await interaction.response.send_message(text, allowed_mentions=NO_PINGS)

    @app_commands.command(name="stats", description="A member's study card")
    @app_commands.guild_only()
    async def stats(self, interaction: discord.Interaction[TutorBot], member: discord.Member | None = None) -> None:
        await interaction.response.defer(thinking=True)
        stats = await self.bot.tutor.stats(who_for_member(interaction, member))
        embed = make_embed(f"Stats for {safe(stats.name)}")
        accuracy = "-" if stats.accuracy is None else f"{stats.accuracy:.0%}"
        add_field(embed, "Streak", f"{stats.streak.current} (best {stats.streak.best})", inline=True)
        add_field(embed, "Points", str(stats.points), inline=True)
        add_field(embed, "Accuracy", f"{accuracy} of {stats.answered}", inline=True)
        add_field(embed, "Reviews due", str(stats.reviews_due), inline=True)
        if stats.exam is not None and (countdown := countdown_line(stats.exam)):
            add_field(embed, "Exam", safe(countdown))
        embed.set_image(url="attachment://stats.png")
        mastery = mastery_data(stats)
        mastery_embed = make_embed("Topic mastery", code_block(mastery_table(mastery)))
        mastery_embed.set_image(url="attachment://mastery.png")
        files = [
            await rendered(render_stats_card, stats_card_data(stats), "stats.png"),
            await rendered(render_mastery, mastery, "mastery.png"),
        ]
        await interaction.followup.send(embeds=[embed, mastery_embed], files=files, allowed_mentions=NO_PINGS)

    @app_commands.command(name="leaderboard", description="Who studied most")
    @app_commands.describe(
        scope="'server', 'groups' (group vs group) or a study group's name",
        period="Which period",
        season="0 = the current week or month, 1 = the one before, and so on",
    )
    @app_commands.guild_only()
    async def leaderboard(
        self,
        interaction: discord.Interaction[TutorBot],
        scope: str = "server",
        period: Period = "week",
        season: app_commands.Range[int, 0, OLDEST_SEASON] = 0,
    ) -> None:
        assert interaction.guild_id is not None
        await interaction.response.defer(thinking=True)
        tutor = self.bot.tutor
        board = await tutor.board(interaction.guild_id, scope, period, season)
        if isinstance(board, GroupBoard):
            data = group_board_data(board)
        else:
            data = member_board_data(board, interaction.user.id)
        assert interaction.guild is not None
        link = await tutor.web_board_link(interaction.guild_id, interaction.guild.name)
        web = "" if link is None else f"\nEvery board and past season on the web: <{link}>"
        text = clip(code_block(leaderboard_table(data)), MESSAGE_LIMIT - len(web)) + web
        await interaction.followup.send(
            text, file=await rendered(render_leaderboard, data, "leaderboard.png"), allowed_mentions=NO_PINGS
        )
