"""Service results turned into the pictures' plain data, and into PNG attachments."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from typing import TypeVar

import discord

from bot.pictures import LeaderboardEntry, LeaderboardImageData, MasteryData, StatsCardData, TopicMastery
from bot.service.types import GroupBoard, Leaderboard, MemberStats

T = TypeVar("T")

PERIOD_TITLES = {"week": "This week", "month": "This month", "all": "All time"}


async def rendered(render: Callable[[T], bytes], data: T, name: str) -> discord.File:
    """A picture drawn in a worker thread (drawing takes tens of ms: never on the event loop), as an attachment."""
    return discord.File(io.BytesIO(await asyncio.to_thread(render, data)), filename=name)


def stats_card_data(stats: MemberStats) -> StatsCardData:
    return StatsCardData(
        display_name=stats.name,
        current_streak=stats.streak.current,
        best_streak=stats.streak.best,
        freezes=stats.streak.freezes_held,
        accuracy=stats.accuracy,
        reviews_due=stats.reviews_due,
        points=stats.points,
        today=stats.today,
        answers_by_day=stats.answers_by_day,
    )


def mastery_data(stats: MemberStats) -> MasteryData:
    topics = tuple(TopicMastery(m.topic, m.retained, m.prompts) for m in stats.mastery)
    return MasteryData(stats.name, topics)


def member_board_data(board: Leaderboard, asker_id: int) -> LeaderboardImageData:
    scope = "Server" if board.scope == "server" else f"Group {board.scope}"
    entries = tuple(
        LeaderboardEntry(
            row.rank,
            row.name or f"member {row.user_id}",
            row.points,
            board.streaks.get(row.user_id, 0),
            is_asker=row.user_id == asker_id,
        )
        for row in board.rows
    )
    return LeaderboardImageData(scope, PERIOD_TITLES.get(board.period, board.period), entries)


def group_board_data(board: GroupBoard) -> LeaderboardImageData:
    entries = tuple(LeaderboardEntry(row.rank, row.name, row.points, 0) for row in board.rows)
    return LeaderboardImageData("Study groups", PERIOD_TITLES.get(board.period, board.period), entries)
