"""Pictures members would rather look at: stats card, leaderboard and topic mastery as PNG bytes.

Pure rendering over plain frozen dataclasses (no Discord, no database); each picture has a text twin.
"""

from bot.pictures.leaderboard import (
    LeaderboardEntry,
    LeaderboardImageData,
    leaderboard_text,
    render_leaderboard,
)
from bot.pictures.mastery import MasteryData, TopicMastery, mastery_text, render_mastery
from bot.pictures.readiness import DomainBar, ReadinessData, readiness_text, render_readiness
from bot.pictures.stats_card import StatsCardData, render_stats_card

__all__ = [
    "DomainBar",
    "LeaderboardEntry",
    "LeaderboardImageData",
    "MasteryData",
    "ReadinessData",
    "StatsCardData",
    "TopicMastery",
    "leaderboard_text",
    "mastery_text",
    "readiness_text",
    "render_leaderboard",
    "render_mastery",
    "render_readiness",
    "render_stats_card",
]
