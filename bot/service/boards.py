"""Boards and streaks read from the running totals: a few set-based queries per board, whatever the server's size.

Transactions per member board: one for the server's settings, the ranked rows (names and zones joined) and the study
days of the rows shown with a streak (plus one to find a named group).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from bot.clock import Clock
from bot.errors import NotAllowed, NotFound
from bot.progress.leaderboard import rank_groups, rank_members
from bot.progress.periods import Period, parse_period, period_start, season_start
from bot.progress.streaks import Streak, compute_streak, zone_for
from bot.service.types import BoardScope, GroupBoard, Leaderboard, Who
from bot.storage import GuildSettings, Repositories, Totals
from bot.timezones import local_day

LEADERBOARD_ROWS = 100
GROUP_ROWS = 50
STREAKS_SHOWN = 25  # the rows a board shows first get their current streak
OLDEST_SEASON = 120  # how many seasons back a board can be read (`season` 0 to 120)


class Boards:
    """Leaderboards (members, groups), streaks, and what each answer adds to them."""

    def __init__(self, repos: Repositories, clock: Clock) -> None:
        self.repos = repos
        self.clock = clock

    async def study_days(self, who: Who) -> tuple[dict[date, int], date]:
        """The member's study days (with their answers each) and today, in the member's zone (else the server's)."""
        member = await self.repos.members.get(who.guild_id, who.user_id)
        server = await self.repos.settings.get(who.guild_id)
        days = await self.repos.standings.study_days(who.guild_id, [who.user_id])
        if member is None:
            return days[who.user_id], self._today(None, None, server)
        return days[who.user_id], self._today(member.time_zone, member.days_from, server)

    async def streak(self, who: Who) -> Streak:
        """The member's streak today."""
        return compute_streak(*await self.study_days(who))

    async def current_streaks(self, guild_id: int, user_ids: Collection[int]) -> dict[int, int]:
        """Each member's current streak in days, today in their zone (else the server's); three queries."""
        server = await self.repos.settings.get(guild_id)
        zones = await self.repos.standings.zones(guild_id, user_ids)
        days = await self.repos.standings.study_days(guild_id, user_ids)
        return {
            uid: compute_streak(days[uid], self._today(*zones.get(uid, (None, None)), server)).current
            for uid in user_ids
        }

    async def total(self, who: Who, period: Period | str = Period.ALL) -> Totals:
        """The member's points, correct answers and answers in the current period."""
        server = await self.repos.settings.get(who.guild_id)
        chosen = parse_period(period)
        starts_on = period_start(chosen, self._today(None, None, server))
        return await self.repos.standings.member_total(who.guild_id, who.user_id, chosen.value, starts_on)

    async def leaderboard(
        self,
        guild_id: int,
        period: str = "week",
        group: str | None = None,
        season: int = 0,
        streak_rows: int = STREAKS_SHOWN,
    ) -> Leaderboard:
        """The server's (or one group's) members in a season (0: the current period, 1: the one before...), ties
        sharing a place, with the current streaks of the first `streak_rows` rows."""
        chosen = parse_period(period)
        group_id: int | None = None
        scope: BoardScope | str = BoardScope.SERVER
        if group:
            found = await self.repos.groups.get(guild_id, group)
            group_id, scope = found.id, found.name
        server, starts_on, rows, days = await self.repos.standings.board_with_days(
            guild_id,
            chosen.value,
            lambda server: season_start(chosen, self._today(None, None, server), season),
            streak_rows,
            group_id=group_id,
            limit=LEADERBOARD_ROWS,
        )
        shown = rows[:streak_rows]
        streaks = {
            row.user_id: compute_streak(days[row.user_id], self._today(row.time_zone, row.days_from, server)).current
            for row in shown
        }
        return Leaderboard(scope, chosen.value, tuple(rank_members(rows)), streaks, starts_on if season else None)

    async def board(
        self, guild_id: int, scope: str, period: str = "week", season: int = 0, streak_rows: int = STREAKS_SHOWN
    ) -> Leaderboard | GroupBoard:
        """The board `scope` names (`BoardScope.of`: "server", "groups" in any case, else a study group's name):
        the server's members, the study groups by points per member, or one group's members. NotFound: no such
        group."""
        chosen = BoardScope.of(scope)
        if chosen == BoardScope.GROUPS:
            return await self.group_board(guild_id, period, season)
        group = None if chosen == BoardScope.SERVER else chosen
        return await self.leaderboard(guild_id, period, group, season, streak_rows)

    async def group_board(self, guild_id: int, period: str = "week", season: int = 0) -> GroupBoard:
        """Study groups by points per active member in a season (0: the current period)."""
        server = await self.repos.settings.get(guild_id)
        chosen = parse_period(period)
        starts_on = season_start(chosen, self._today(None, None, server), season)
        tallies = await self.repos.standings.group_tallies(guild_id, chosen.value, starts_on)
        return GroupBoard(chosen.value, tuple(rank_groups(tallies, limit=GROUP_ROWS)), starts_on if season else None)

    async def set_hidden(self, who: Who, user_id: int, hidden: bool) -> None:
        """Hide a member from every board of the server, or show them again; only managers may."""
        if not who.is_manager:
            raise NotAllowed("Only members with the Manage Server permission can hide members from the boards.")
        if not await self.repos.members.set_hidden(who.guild_id, user_id, hidden):
            raise NotFound("That member has not studied here yet, so they are on no board.")

    def _today(self, member_zone: str | None, days_from: date | None, server: GuildSettings) -> date:
        """Today in the member's zone (else the server's), never before their `days_from`."""
        return local_day(self.clock.now(), zone_for(member_zone, server.time_zone), days_from)
