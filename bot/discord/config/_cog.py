"""Server managers set the daily quiz channel, time, zone, reveal delay and switch it on or off, and hide members
from the boards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.formatting import NO_PINGS, add_field, make_embed
from bot.discord.members import who_from_interaction
from bot.storage import DailyProblem, GuildSettings

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


def settings_embed(settings: GuildSettings, title: str, problem: DailyProblem | None = None) -> discord.Embed:
    """The settings, and the daily quiz's current problem when it has one."""
    embed = make_embed(title)
    channel = f"<#{settings.daily_channel_id}>" if settings.daily_channel_id else "not set"
    add_field(embed, "Daily quiz", "on" if settings.daily_enabled else "off", inline=True)
    add_field(embed, "Channel", channel, inline=True)
    add_field(embed, "Post time", f"{settings.post_time} ({settings.time_zone})", inline=True)
    add_field(embed, "Reveal after", f"{settings.reveal_delay_minutes} min", inline=True)
    add_field(embed, "Web leaderboard", "public" if settings.board_public else "signed links only", inline=True)
    if problem is not None:
        add_field(embed, "Problem", f"Since {discord.utils.format_dt(problem.since, 'f')}: {problem.problem}")
    return embed


class ConfigCog(commands.Cog, name="Config"):
    """Server settings."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    @app_commands.command(name="config", description="Show or change the daily quiz settings")
    @app_commands.describe(
        channel="Where the daily quiz is posted",
        post_time="Local time of the daily post, HH:MM",
        time_zone="The server's IANA time zone, e.g. Europe/Paris",
        reveal_delay="Minutes between the post and the answer",
        enabled="Post a daily quiz",
        hide_member="Hide this member from every leaderboard (their history stays)",
        show_member="Show a hidden member on the leaderboards again",
        public_board="Let anyone with the address open the web leaderboard (off: only signed links from /leaderboard)",
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def config(
        self,
        interaction: discord.Interaction[TutorBot],
        channel: discord.TextChannel | None = None,
        post_time: str | None = None,
        time_zone: str | None = None,
        reveal_delay: app_commands.Range[int, 1, 1440] | None = None,
        enabled: bool | None = None,
        hide_member: discord.Member | None = None,
        show_member: discord.Member | None = None,
        public_board: bool | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        who = who_from_interaction(interaction)
        notes = []
        for member, hidden in ((hide_member, True), (show_member, False)):
            if member is not None:
                await self.bot.tutor.hide_from_boards(who, member.id, hidden)
                state = "hidden from" if hidden else "shown on"
                notes.append(f"{discord.utils.escape_markdown(member.display_name)} is {state} the leaderboards.")
        changes: dict[str, Any] = {
            "daily_channel_id": channel.id if channel else None,
            "post_time": post_time,
            "time_zone": time_zone,
            "reveal_delay_minutes": reveal_delay,
            "daily_enabled": enabled,
            "board_public": public_board,
        }
        changes = {name: value for name, value in changes.items() if value is not None}
        problem = await self.bot.tutor.daily_problem(interaction.guild_id)
        settings = await self.bot.tutor.configure(who, **changes)  # no changes: the current settings
        embed = settings_embed(settings, "Settings saved" if changes else "Current settings", problem)
        await interaction.response.send_message(
            "\n".join(notes), embed=embed, ephemeral=True, allowed_mentions=NO_PINGS
        )
