"""Pictures members would rather look at: stats card, leaderboard and topic mastery as PNG bytes.

Pure rendering over plain frozen dataclasses (no Discord, no database); each picture has a text twin, a neutral
`Table` (table.py) that each front end renders its own way.
"""

from bot.pictures.leaderboard import (
    LeaderboardEntry,
    LeaderboardImageData,
    leaderboard_table,
    render_leaderboard,
)
from bot.pictures.mastery import MasteryData, TopicMastery, mastery_table, render_mastery
from bot.pictures.readiness import DomainBar, ReadinessData, readiness_table, render_readiness
from bot.pictures.stats_card import StatsCardData, render_stats_card
from bot.pictures.table import Table

__all__ = [
    "DomainBar",
    "LeaderboardEntry",
    "LeaderboardImageData",
    "MasteryData",
    "ReadinessData",
    "StatsCardData",
    "Table",
    "TopicMastery",
    "leaderboard_table",
    "mastery_table",
    "readiness_table",
    "render_leaderboard",
    "render_mastery",
    "render_readiness",
    "render_stats_card",
]
