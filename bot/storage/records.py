"""Plain dataclasses the repositories return: no SQLAlchemy objects leave bot/storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.progress.rewards import RewardKind


@dataclass(frozen=True)
class GuildSettings:
    """A server's daily-quiz and web-board settings; the defaults apply until a manager changes them."""

    guild_id: int
    daily_channel_id: int | None = None
    post_time: str = "09:00"  # HH:MM in `time_zone`
    time_zone: str = "UTC"  # IANA name
    reveal_delay_minutes: int = 60
    daily_enabled: bool = False
    board_public: bool = False  # the web leaderboard opens without a signed link
    server_name: str | None = None  # as last seen, to title the web leaderboard


@dataclass(frozen=True)
class Member:
    guild_id: int
    user_id: int
    display_name: str
    time_zone: str | None
    has_left: bool
    hidden: bool
    days_from: date | None = None  # no answer is dated before this local day (set when their zone changes)


@dataclass(frozen=True)
class StudyGroup:
    id: int
    guild_id: int
    name: str
    owner_id: int
    created_at: datetime
    member_count: int


@dataclass(frozen=True)
class GroupMember:
    user_id: int
    display_name: str | None  # None when the member was never recorded in `members`
    has_left: bool
    joined_at: datetime


@dataclass(frozen=True)
class GroupInfo:
    group: StudyGroup
    members: tuple[GroupMember, ...]  # in order of joining


@dataclass(frozen=True)
class MemberTally:
    """One member's answers within a period: the raw material of a leaderboard."""

    user_id: int
    display_name: str | None
    has_left: bool
    points: int
    correct: int
    answered: int


@dataclass(frozen=True)
class Totals:
    points: int
    correct: int
    answered: int


@dataclass(frozen=True)
class BoardRow:
    """One visible member's running totals in a period, with what their streak needs (their own zone, days_from)."""

    user_id: int
    display_name: str | None
    time_zone: str | None
    days_from: date | None
    points: int
    correct: int
    answered: int


@dataclass(frozen=True)
class GroupTally:
    """One study group within a period: its active (not departed) members and their summed answers."""

    group_id: int
    name: str
    active_members: int
    points: int
    correct: int
    answered: int


class DailyState(StrEnum):
    """Where a daily post is: open for answers, or closed (revealed, or given up); the value is what is stored."""

    POSTED = "posted"
    REVEALED = "revealed"


@dataclass(frozen=True)
class DailyPost:
    id: int
    guild_id: int
    local_date: date
    prompt_id: str
    channel_id: int
    message_id: int | None  # None until the message is sent
    state: DailyState
    reveal_at: datetime
    claimed_at: datetime
    prompt_json: str | None = None  # the prompt as it was posted (kept through notes rebuilds)
    attempts: int = 0  # failed attempts at the current step (the post, then the reveal)
    retry_at: datetime | None = None  # until then the current step is claimed (a lease) or backing off
    problem: str | None = None  # why the day was given up, if it was


@dataclass(frozen=True)
class DailyHistory:
    """What a server's daily quiz asked before a day: the last local date each prompt was asked on, and the
    latest posts, newest first. A day given up before its message was sent asked nothing."""

    last_asked: dict[str, date]
    latest: tuple[DailyPost, ...]


@dataclass(frozen=True)
class DailyProblem:
    """Why a server's daily quiz could not be posted or revealed, since when (cleared by the next good post)."""

    guild_id: int
    channel_id: int
    problem: str
    since: datetime


@dataclass(frozen=True)
class DailyResults:
    post_id: int
    answered: int
    correct: int


@dataclass(frozen=True)
class FeedbackSummary:
    helpful: int
    unhelpful: int


@dataclass(frozen=True)
class RoleReward:
    """A server's reward role and its goal (bot.progress.rewards), with the last reason it could not be given."""

    guild_id: int
    role_id: int
    role_name: str
    kind: RewardKind
    amount: int  # days, points or per cent of mastery (0 for a season winner)
    period: str  # week, month or all
    problem: str | None
    created_at: datetime
    domain: str | None = None  # the exam domain of a domain_mastery goal


@dataclass(frozen=True)
class ExamDate:
    """An exam day set by a member for themselves (`group` None) or by a study group's owner for the group."""

    exam_on: date
    name: str | None
    group: str | None = None  # the study group's name, for a group's date
    daily_minutes: int | None = None  # the minutes a day the member said they can study (their own date only)


@dataclass(frozen=True)
class ExamCountdownRow:
    """Whose exam (a member's display name or a group's name) and its date, for a server's daily post."""

    who: str
    exam: ExamDate


@dataclass(frozen=True)
class ExamResult:
    user_id: int
    exam_on: date | None
    name: str | None
    passed: bool
    score: int | None
    stage: str | None
    recorded_at: datetime


@dataclass(frozen=True)
class MockRecord:
    """A member's mock exam as stored: questions (JSON, as asked), answers (question index → choice index)."""

    id: int
    guild_id: int
    user_id: int
    night_id: int | None
    questions_json: str
    answers: dict[int, int]
    flags: frozenset[int]
    position: int
    started_at: datetime
    deadline: datetime
    submitted_at: datetime | None
    auto_submitted: bool
    correct: int | None
    total: int
    reported_at: datetime | None


@dataclass(frozen=True)
class MockNightRecord:
    id: int
    guild_id: int
    group_id: int
    channel_id: int
    questions_json: str
    minutes: int
    opens_at: datetime
    closes_at: datetime
    created_by: int
    results_posted_at: datetime | None
    group_name: str
