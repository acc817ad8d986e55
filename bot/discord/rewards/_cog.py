"""`/rewards add|remove|list` (managers) and the loop that gives and takes reward roles in this process's servers."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.formatting import NO_PINGS, choices_matching, make_embed, safe
from bot.discord.members import who_from_interaction
from bot.discord.rewards._roles import MemberGone, make_change, role_problem
from bot.discord.shared.background import BackgroundRound
from bot.errors import NotAllowed
from bot.progress.rewards import MAX_POINTS, MAX_STREAK_DAYS, RewardGoal
from bot.service.rewards import RoleChange, ensure_may_change_rewards
from bot.storage import RoleReward

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

log = logging.getLogger(__name__)

Kind = Literal["streak", "points", "season_winner", "domain_mastery"]
Period = Literal["week", "month", "all"]


def reward_line(reward: RoleReward) -> str:
    goal = RewardGoal(reward.kind, reward.amount, reward.period, reward.domain).describe()
    line = f"<@&{reward.role_id}>: {goal}"
    return line + (f"\n  ⚠️ {reward.problem}" if reward.problem else "")


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class RewardsCog(
    commands.GroupCog, name="Rewards", group_name="rewards", group_description="Roles the bot gives for study goals"
):
    """Managers attach roles to goals; the loop gives them to the members who reach them and takes them back."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        self.background = BackgroundRound(
            self.tick,
            seconds=bot.settings.discord.rewards_seconds,
            grace=bot.settings.discord.shutdown_grace_seconds,
            what="role-reward",
        )
        super().__init__()

    async def cog_unload(self) -> None:
        await self.background.stop()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        self.background.start()

    @app_commands.command(name="add", description="Give a role to members who reach a goal (managers)")
    @app_commands.describe(
        role="The role to give (below my highest role)",
        goal="streak: days in a row; points: in a period; season_winner: first of a week or month; domain_mastery",
        amount=f"Days for a streak (1-{MAX_STREAK_DAYS}), points (1-{MAX_POINTS:,}), per cent for a mastery (1-100)",
        period="For points: week, month or all (default all); for a season winner: week or month (default week)",
        domain="For domain_mastery: the exam domain to master",
    )
    async def add(
        self,
        interaction: discord.Interaction[TutorBot],
        role: discord.Role,
        goal: Kind,
        amount: app_commands.Range[int, 1, MAX_POINTS] | None = None,
        period: Period | None = None,
        domain: str | None = None,
    ) -> None:
        assert interaction.guild is not None
        who = who_from_interaction(interaction)
        ensure_may_change_rewards(who)  # before asking Discord about the role
        problem = role_problem(interaction.guild, role)
        if problem is not None:
            raise NotAllowed(problem)
        reward = await self.bot.tutor.add_reward(who, role.id, role.name, goal, amount, period, domain)
        text = f"Reward saved: {reward_line(reward)}. I check every few minutes and give or take it as needed."
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)

    @add.autocomplete("domain")
    async def domain_choices(
        self, interaction: discord.Interaction[TutorBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return choices_matching(await self.bot.tutor.exam_domain_names(interaction.guild_id), current)

    @app_commands.command(name="remove", description="Stop giving a role as a reward (managers)")
    async def remove(self, interaction: discord.Interaction[TutorBot], role: discord.Role) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        holders = await self.bot.tutor.remove_reward(who_from_interaction(interaction), role.id)
        refused = 0
        for user_id in holders:
            try:
                if await make_change(self.bot, RoleChange(role.guild.id, role.id, user_id, give=False), role.name):
                    refused += 1
            except MemberGone:
                continue
        text = f"{safe(role.name)} is no longer a reward; I took it back from {len(holders) - refused} member(s)."
        if refused:
            text += f" Discord refused for {refused}: remove it from them by hand."
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS)

    @app_commands.command(name="list", description="The server's role rewards and any problem giving them")
    async def list_rewards(self, interaction: discord.Interaction[TutorBot]) -> None:
        assert interaction.guild_id is not None
        rewards = await self.bot.tutor.list_rewards(interaction.guild_id)
        text = "\n".join(reward_line(r) for r in rewards) or "No role rewards yet. Managers add them with /rewards add."
        await interaction.response.send_message(
            embed=make_embed("Role rewards", text), ephemeral=True, allowed_mentions=NO_PINGS
        )

    async def tick(self) -> None:
        """Give and take the reward roles of this process's servers as their goals now say."""
        async with self.background.running:
            try:
                for change in await self.bot.tutor.role_changes([guild.id for guild in self.bot.guilds]):
                    await self._apply(change)
            except Exception:
                log.exception("Rewards tick failed")

    async def _apply(self, change: RoleChange) -> None:
        guild = self.bot.get_guild(change.guild_id)
        role = guild.get_role(change.role_id) if guild else None
        if guild is None or role is None:
            await self.bot.tutor.reward_problem(change.guild_id, change.role_id, "The role was deleted.")
            return
        problem = role_problem(guild, role)
        if problem is None:
            try:
                problem = await make_change(self.bot, change, role.name)
            except MemberGone:
                await self.bot.tutor.member_left(change.guild_id, change.user_id)
                if not change.give:
                    await self.bot.tutor.role_changed(change)
                return
        if problem is None:
            await self.bot.tutor.role_changed(change)
        else:
            await self.bot.tutor.reward_problem(change.guild_id, change.role_id, problem)
