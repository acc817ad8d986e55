"""Role rewards: which members should hold each server's reward roles now, against those the bot gave them to.

A check (the bot's rewards loop) asks for the changes, makes them on Discord and reports each one back
(`done`), or why it could not (`problem`, shown in `/rewards list`). Candidates are read with a few indexed
queries per reward, whatever the server's size: for a streak, the members who studied in the last few days (a
live streak cannot be older: at most two freezes bridge missed days); for points, the
running totals of the current period; for a season winner, the first place of the season just ended; for a domain's
mastery, the review states in the domain's sections of the members who recalled enough of its prompts to reach it.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from bot.clock import Clock
from bot.errors import NotAllowed, NotFound
from bot.exam.domain_mastery import domain_mastery
from bot.progress.periods import period_start
from bot.progress.rewards import MAX_REWARDS_PER_SERVER, RewardGoal, RewardKind, reward_goal
from bot.progress.streaks import MAX_FREEZES
from bot.quiz.scheduling import mastery_of
from bot.service.boards import Boards
from bot.service.exam_domains import DomainsOf
from bot.service.library import NotesLibrary
from bot.service.permissions import ensure_manager
from bot.service.types import Who
from bot.storage import Repositories, RoleReward
from bot.timezones import time_zone

# A live streak's last study day is at most MAX_FREEZES + 1 days before today; a member's zone may be a day off.
STREAK_LOOKBACK = timedelta(days=MAX_FREEZES + 3)


def ensure_may_change_rewards(who: Who) -> None:
    """NotAllowed unless the member may add and remove role rewards (the Manage Server permission)."""
    ensure_manager(who, "change the role rewards")


@dataclass(frozen=True)
class RoleChange:
    """Give (`give`) or take back a reward role of one member."""

    guild_id: int
    role_id: int
    user_id: int
    give: bool


class Rewards:
    """Role rewards over the server's boards, and for mastery over each server's exam `domains` (with its
    managers' moves) and the quiz items of its notes (`notes`)."""

    def __init__(
        self, repos: Repositories, boards: Boards, clock: Clock, notes: NotesLibrary, domains: DomainsOf
    ) -> None:
        self.repos = repos
        self.boards = boards
        self.clock = clock
        self.notes = notes
        self.domains = domains

    async def add(
        self,
        who: Who,
        role_id: int,
        role_name: str,
        kind: str,
        amount: int | None,
        period: str | None,
        domain: str | None = None,
    ) -> RoleReward:
        """Attach the role to a goal (a manager only; InvalidInput for a bad goal; at most 25 per server)."""
        ensure_may_change_rewards(who)
        goal = reward_goal(kind, amount, period, domain, list((await self.domains(who.guild_id)).weights))
        rewards = await self.repos.rewards.list_rewards(who.guild_id)
        if len(rewards) >= MAX_REWARDS_PER_SERVER and all(r.role_id != role_id for r in rewards):
            raise NotAllowed(f"A server can have at most {MAX_REWARDS_PER_SERVER} role rewards; remove one first.")
        reward = RoleReward(
            who.guild_id,
            role_id,
            role_name,
            goal.kind,
            goal.amount,
            goal.period,
            None,
            self.clock.now(),
            goal.domain,
        )
        return await self.repos.rewards.save(reward)

    async def remove(self, who: Who, role_id: int) -> list[int]:
        """Detach the role (a manager only): the members the bot gave it to, to take it back from."""
        ensure_may_change_rewards(who)
        holders = await self.repos.rewards.remove(who.guild_id, role_id)
        if holders is None:
            raise NotFound("That role is not a reward here; /rewards list shows them.")
        return holders

    async def changes(self, guild_ids: Collection[int] | None = None) -> list[RoleChange]:
        """Every role to give or take back now, in the servers given (all when None)."""
        by_server: dict[int, list[RoleReward]] = {}
        for reward in await self.repos.rewards.list_rewards():
            if guild_ids is None or reward.guild_id in guild_ids:
                by_server.setdefault(reward.guild_id, []).append(reward)
        changes = []
        for guild_id, rewards in by_server.items():
            held = await self.repos.rewards.holders(guild_id)
            for reward in rewards:
                holders = held.get(reward.role_id, set())
                deserving = await self._deserving(reward)
                changes += [RoleChange(guild_id, reward.role_id, u, True) for u in sorted(deserving - holders)]
                changes += [RoleChange(guild_id, reward.role_id, u, False) for u in sorted(holders - deserving)]
        return changes

    async def done(self, change: RoleChange) -> None:
        """The change was made on Discord (or the member is gone, for a removal): remember it."""
        if change.give:
            await self.repos.rewards.granted(change.guild_id, change.role_id, change.user_id, self.clock.now())
        else:
            await self.repos.rewards.taken(change.guild_id, change.role_id, change.user_id)
        await self.repos.rewards.set_problem(change.guild_id, change.role_id, None)

    async def problem(self, guild_id: int, role_id: int, problem: str) -> None:
        """Why a change of this reward's role could not be made (shown in /rewards list until one succeeds)."""
        await self.repos.rewards.set_problem(guild_id, role_id, problem)

    async def _deserving(self, reward: RoleReward) -> set[int]:
        """The visible members (not left, not hidden) who reach the reward's goal now."""
        goal = RewardGoal(reward.kind, reward.amount, reward.period, reward.domain)
        if goal.kind is RewardKind.DOMAIN_MASTERY:
            return await self._mastering(reward.guild_id, goal)
        today = await self._server_today(reward.guild_id)
        if goal.kind is RewardKind.STREAK:
            candidates = await self.repos.standings.studied_since(reward.guild_id, today - STREAK_LOOKBACK)
            streaks = await self.boards.current_streaks(reward.guild_id, candidates)
            return {user_id for user_id, days in streaks.items() if days >= goal.amount}
        if goal.kind is RewardKind.POINTS:
            starts_on = period_start(goal.period, today)
            return await self.repos.standings.reaching(reward.guild_id, goal.period, starts_on, goal.amount)
        board = await self.boards.leaderboard(reward.guild_id, goal.period, season=1, streak_rows=0)
        return {row.user_id for row in board.rows if row.rank == 1 and row.points > 0}

    async def _mastering(self, guild_id: int, goal: RewardGoal) -> set[int]:
        """The visible members whose mastery of the goal's domain is at least its per cent (none when the notes no
        longer have that domain or any prompt in it). Each prompt adds at most 1 to a domain's mean, so only members
        whose last answer was right on enough of its prompts can reach it: their states alone are read."""
        domains = await self.domains(guild_id)
        items = (await self.notes.bundle_for(guild_id)).prompts.values()
        prompts = [p for p in items if domains.of_section.get(p.topic) == goal.domain]
        if not prompts:
            return set()
        needed = math.ceil(goal.amount * len(prompts) / 100)
        states = await self.repos.reviews.recalled_in(guild_id, {p.topic for p in prompts}, needed)
        return {
            user_id
            for user_id, theirs in states.items()
            if 100 * domain_mastery(domains, mastery_of(theirs, prompts))[str(goal.domain)] >= goal.amount
        }

    async def _server_today(self, guild_id: int) -> date:
        server = await self.repos.settings.get(guild_id)
        return self.clock.now().astimezone(time_zone(server.time_zone)).date()
