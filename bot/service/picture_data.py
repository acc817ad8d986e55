"""The service's results as the pictures' plain data, for every front end (Discord attaches, the console prints)."""

from __future__ import annotations

from datetime import date

from bot.pictures import LeaderboardEntry, LeaderboardImageData, MasteryData, StatsCardData
from bot.service.types import BoardScope, GroupBoard, Leaderboard, MemberStats

PERIOD_TITLES = {"week": "This week", "month": "This month", "all": "All time"}


def period_title(period: str, season: date | None = None) -> str:
    """ "This week" for the current period, "Week of 2 Mar 2026" or "March 2026" for a past season."""
    if season is None:
        return PERIOD_TITLES.get(period, period)
    return f"Week of {season.day} {season:%b %Y}" if period == "week" else f"{season:%B %Y}"


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
    return MasteryData(stats.name, stats.mastery, stats.study_next)


def member_board_data(board: Leaderboard, asker_id: int, scope: str | None = None) -> LeaderboardImageData:
    """The member leaderboard; `scope` overrides the title's scope (the server or group name by default)."""
    title = scope or ("Server" if board.scope == BoardScope.SERVER else f"Group {board.scope}")
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
    return LeaderboardImageData(title, period_title(board.period, board.season), entries)


def group_board_data(board: GroupBoard) -> LeaderboardImageData:
    entries = tuple(LeaderboardEntry(row.rank, row.name, row.points, 0) for row in board.rows)
    return LeaderboardImageData("Study groups", period_title(board.period, board.season), entries)
