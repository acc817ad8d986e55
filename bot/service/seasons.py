"""Seasons: each server's weeks and months close on schedule in its zone, once, with their winners.

A season closes at the first check after its last local day (the daily loop checks often); the closing is
claimed in the database, so several shard processes announce it once. Only the season just ended is closed: a
server added later does not get announcements for its distant past. Boards of past seasons stay readable
(`/leaderboard season:`), from the running totals they were kept in.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from bot.clock import Clock
from bot.progress.leaderboard import GroupStanding, LeaderboardRow
from bot.progress.periods import Period, season_end, season_start
from bot.service.boards import Boards
from bot.storage import Repositories
from bot.timezones import time_zone

SEASON_PERIODS = (Period.WEEK, Period.MONTH)
PODIUM = 3


@dataclass(frozen=True)
class SeasonResult:
    """A closed season and its winners: members placed 1 to 3 (ties share a place), the best group(s)."""

    guild_id: int
    channel_id: int
    period: str
    starts_on: date
    ends_on: date  # the first local day after it
    podium: tuple[LeaderboardRow, ...]
    winning_groups: tuple[GroupStanding, ...]


class Seasons:
    def __init__(self, repos: Repositories, boards: Boards, clock: Clock) -> None:
        self.repos = repos
        self.boards = boards
        self.clock = clock

    async def close_due(self, guild_ids: Collection[int] | None = None) -> list[SeasonResult]:
        """Close the season just ended of every server with a daily channel (optionally some servers only).

        Each result is handed to exactly one caller, across processes; send it, or `reopen` it on failure.
        """
        now = self.clock.now()
        results = []
        for server in await self.repos.settings.enabled():
            if (guild_ids is not None and server.guild_id not in guild_ids) or server.daily_channel_id is None:
                continue
            today = now.astimezone(time_zone(server.time_zone)).date()
            for period in SEASON_PERIODS:
                first = season_start(period, today, ago=1)
                if await self.repos.seasons.claim(server.guild_id, period.value, first, now):
                    board = await self.boards.leaderboard(server.guild_id, period.value, season=1)
                    groups = await self.boards.group_board(server.guild_id, period.value, season=1)
                    results.append(
                        SeasonResult(
                            server.guild_id,
                            server.daily_channel_id,
                            period.value,
                            first,
                            season_end(period, first),
                            tuple(row for row in board.rows if row.rank <= PODIUM),
                            tuple(row for row in groups.rows if row.rank == 1),
                        )
                    )
        return results

    async def reopen(self, result: SeasonResult) -> None:
        """Let a later check close the season again (its announcement could not be sent)."""
        await self.repos.seasons.release(result.guild_id, result.period, result.starts_on)
