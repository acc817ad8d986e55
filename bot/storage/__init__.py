"""Storage: SQLAlchemy 2 async over SQLite (default) or PostgreSQL, Alembic migrations, small repositories."""

from bot.storage.credit import Credit
from bot.storage.database import Database
from bot.storage.migrate import migrate
from bot.storage.records import (
    BoardRow,
    DailyHistory,
    DailyPost,
    DailyProblem,
    DailyResults,
    ExamCountdownRow,
    ExamDate,
    ExamResult,
    FeedbackSummary,
    GroupInfo,
    GroupMember,
    GroupTally,
    GuildSettings,
    Member,
    MemberTally,
    MockNightRecord,
    MockRecord,
    RoleReward,
    StudyGroup,
    Totals,
)
from bot.storage.repositories import Repositories
from bot.storage.reviews import SqlReviewStore

__all__ = [
    "BoardRow",
    "Credit",
    "DailyHistory",
    "DailyPost",
    "DailyProblem",
    "DailyResults",
    "Database",
    "ExamCountdownRow",
    "ExamDate",
    "ExamResult",
    "FeedbackSummary",
    "GroupInfo",
    "GroupMember",
    "GroupTally",
    "GuildSettings",
    "Member",
    "MemberTally",
    "MockNightRecord",
    "MockRecord",
    "Repositories",
    "RoleReward",
    "SqlReviewStore",
    "StudyGroup",
    "Totals",
    "migrate",
]
