"""The tables (SQLAlchemy 2 declarative). Snowflakes are 64-bit; every timestamp is UTC."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.progress.periods import Period
from bot.progress.points import AnswerKind
from bot.progress.rewards import RewardKind
from bot.quiz.report_reason import ReportReason
from bot.storage.records import DailyState
from bot.storage.types import BigId, Snowflake, StrEnumText, UtcDateTime, one_of

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PROMPT_ID_LENGTH = 128
ROUND_ID_LENGTH = 12  # bot.service.rounds
REQUEST_ID_LENGTH = 64  # a Discord interaction id (20 digits) or a uuid4 hex (32)
# The longest key: "round:<round id>:<prompt id>" (bot.storage.answers.round_key).
ANSWER_KEY_LENGTH = len("round::") + ROUND_ID_LENGTH + PROMPT_ID_LENGTH
VOTE_TARGET_LENGTH = 64  # what a feedback vote is about: a Discord message id, or a console answer's id

PROBLEM_LENGTH = 200
SERVER_NAME_LENGTH = 100  # Discord's limit
DOMAIN_LENGTH = 100  # an exam domain's name (corpus/profile.toml)
ROLE_NAME_LENGTH = 100  # Discord's limit
EXAM_NAME_LENGTH = 100  # bot.exam.dates.MAX_NAME_LENGTH
NOTE_NAME_LENGTH = 100  # bot.knowledge.intake.kinds.MAX_NAME_LENGTH
BUILD_ID_LENGTH = 64  # a build folder's name (bot.knowledge.index.store)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class GuildSettingsRow(Base):
    __tablename__ = "guild_settings"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    daily_channel_id: Mapped[int | None] = mapped_column(Snowflake)
    post_time: Mapped[str] = mapped_column(String(5))
    time_zone: Mapped[str] = mapped_column(String(64))
    reveal_delay_minutes: Mapped[int] = mapped_column(Integer)
    daily_enabled: Mapped[bool] = mapped_column(Boolean)
    board_public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # web board unsigned
    server_name: Mapped[str | None] = mapped_column(String(SERVER_NAME_LENGTH))  # the web board's title


class MemberRow(Base):
    __tablename__ = "members"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    display_name: Mapped[str] = mapped_column(String(100))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    # The local day in progress when the zone the member follows (their own, else the server's) last changed:
    # no later answer is dated before it, so a zone moved west cannot reopen a day already begun or missed.
    days_from: Mapped[date | None] = mapped_column(Date)
    has_left: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # by a manager, from boards


class StudyGroupRow(Base):
    __tablename__ = "study_groups"
    __table_args__ = (UniqueConstraint("guild_id", "name_key", name="uq_study_groups_guild_name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(Snowflake)
    name: Mapped[str] = mapped_column(String(64))
    name_key: Mapped[str] = mapped_column(String(64))  # casefolded name: uniqueness ignores case
    owner_id: Mapped[int] = mapped_column(Snowflake)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GroupMemberRow(Base):
    __tablename__ = "study_group_members"

    group_id: Mapped[int] = mapped_column(ForeignKey("study_groups.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AnswerRow(Base):
    __tablename__ = "answers"
    __table_args__ = (
        CheckConstraint(one_of("kind", AnswerKind), name="kind"),
        # Covers the leaderboard's period scan: read from the index alone, never the table.
        Index("ix_answers_guild_time_tally", "guild_id", "answered_at", "user_id", "points", "correct"),
        Index("ix_answers_member_time", "guild_id", "user_id", "answered_at"),
        UniqueConstraint("answer_key", name="uq_answers_answer_key"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(Snowflake)
    user_id: Mapped[int] = mapped_column(Snowflake)
    prompt_id: Mapped[str] = mapped_column(String(PROMPT_ID_LENGTH))
    kind: Mapped[AnswerKind] = mapped_column(StrEnumText(AnswerKind, 8))
    correct: Mapped[bool] = mapped_column(Boolean)
    points: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    local_date: Mapped[date] = mapped_column(Date)  # the member's day (their zone, else the server's) when given
    answer_key: Mapped[str] = mapped_column(String(ANSWER_KEY_LENGTH))  # idempotency key (bot.storage.answers)
    request_id: Mapped[str] = mapped_column(String(REQUEST_ID_LENGTH))  # the request that stored it


class PeriodTotalRow(Base):
    """A member's running totals in one period of the server's calendar, kept in each answer's transaction."""

    __tablename__ = "period_totals"
    __table_args__ = (CheckConstraint(one_of("period", Period), name="period"),)

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    period: Mapped[str] = mapped_column(String(5), primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date, primary_key=True)  # the period's first local day
    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    points: Mapped[int] = mapped_column(Integer)
    correct: Mapped[int] = mapped_column(Integer)
    answered: Mapped[int] = mapped_column(Integer)


# A board reads one period's rows best first from this index, in its exact order (ties by user id), so the database
# stops after the rows shown instead of sorting every member of the period.
Index(
    "ix_period_totals_board",
    PeriodTotalRow.guild_id,
    PeriodTotalRow.period,
    PeriodTotalRow.starts_on,
    PeriodTotalRow.points.desc(),
    PeriodTotalRow.correct.desc(),
    PeriodTotalRow.user_id,
)


class StudyDayRow(Base):
    """A local day (the member's zone when they answered) on which the member answered anything."""

    __tablename__ = "study_days"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    local_date: Mapped[date] = mapped_column(Date, primary_key=True)
    answered: Mapped[int] = mapped_column(Integer)


class ScoredRecallRow(Base):
    """A prompt the member recalled correctly for points on a local day: the next ones that day earn nothing."""

    __tablename__ = "scored_recalls"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    prompt_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    local_date: Mapped[date] = mapped_column(Date, primary_key=True)


class SeasonClosingRow(Base):
    """A closed season (a server's past week or month): claimed once, so its winners are announced once."""

    __tablename__ = "season_closings"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    period: Mapped[str] = mapped_column(String(5), primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date, primary_key=True)
    closed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RoleRewardRow(Base):
    """A role a server's managers attached to a goal (bot.progress.rewards), and why it last could not be given."""

    __tablename__ = "role_rewards"
    __table_args__ = (CheckConstraint(one_of("kind", RewardKind), name="kind"),)

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    role_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    role_name: Mapped[str] = mapped_column(String(ROLE_NAME_LENGTH))
    kind: Mapped[RewardKind] = mapped_column(StrEnumText(RewardKind, 16))
    amount: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(5))
    problem: Mapped[str | None] = mapped_column(String(PROBLEM_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    domain: Mapped[str | None] = mapped_column(String(DOMAIN_LENGTH))  # the exam domain of a mastery goal


class RoleGrantRow(Base):
    """A reward role the bot gave a member (and will take back when the goal no longer holds)."""

    __tablename__ = "role_grants"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    role_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReviewStateRow(Base):
    __tablename__ = "review_states"
    __table_args__ = (Index("ix_review_states_member_due", "guild_id", "user_id", "due"),)

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    prompt_id: Mapped[str] = mapped_column(String(PROMPT_ID_LENGTH), primary_key=True)
    card_json: Mapped[str] = mapped_column(Text)
    due: Mapped[datetime] = mapped_column(UtcDateTime)
    topic: Mapped[str] = mapped_column(Text)  # a top-level heading of the notes: no length limit
    lapses: Mapped[int] = mapped_column(Integer, server_default="0")  # wrong answers so far
    last_correct: Mapped[bool | None] = mapped_column(Boolean)  # the last verdict (None: unknown, before 0008)
    leech: Mapped[bool] = mapped_column(Boolean, server_default=false())  # set aside until studied again


class DailyPostRow(Base):
    __tablename__ = "daily_posts"
    __table_args__ = (
        UniqueConstraint("guild_id", "local_date", name="uq_daily_posts_guild_date"),
        CheckConstraint(one_of("state", DailyState), name="state"),
        Index("ix_daily_posts_state_reveal", "state", "reveal_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(Snowflake)
    local_date: Mapped[date] = mapped_column(Date)
    prompt_id: Mapped[str] = mapped_column(String(PROMPT_ID_LENGTH))
    channel_id: Mapped[int] = mapped_column(Snowflake)
    message_id: Mapped[int | None] = mapped_column(Snowflake)
    state: Mapped[DailyState] = mapped_column(StrEnumText(DailyState, 8))
    reveal_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    prompt_json: Mapped[str | None] = mapped_column(Text)  # the prompt as posted (None before migration 0007)
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")  # failed sends of the current step
    retry_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the current claim's lease or back-off end
    problem: Mapped[str | None] = mapped_column(String(PROBLEM_LENGTH))  # why the day was given up


class DailyProblemRow(Base):
    """A server's current daily-quiz problem (a channel that refuses the bot, ...), told to its managers once."""

    __tablename__ = "daily_problems"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    channel_id: Mapped[int] = mapped_column(Snowflake)
    problem: Mapped[str] = mapped_column(String(PROBLEM_LENGTH))
    since: Mapped[datetime] = mapped_column(UtcDateTime)
    told_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # when the managers were told (None: not yet)


class DailyAnswerRow(Base):
    __tablename__ = "daily_answers"

    post_id: Mapped[int] = mapped_column(ForeignKey("daily_posts.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    choice: Mapped[str] = mapped_column(Text)  # a choice from the notes (any length) or a typed answer
    correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FeedbackRow(Base):
    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_guild_time", "guild_id", "created_at"),
        UniqueConstraint("guild_id", "target", "user_id", name="uq_feedback_vote"),  # one vote each, changeable
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(Snowflake)
    target: Mapped[str] = mapped_column(String(VOTE_TARGET_LENGTH))  # the answer voted on
    user_id: Mapped[int] = mapped_column(Snowflake)
    question: Mapped[str] = mapped_column(Text)
    helpful: Mapped[bool] = mapped_column(Boolean)
    chunk_ids: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class QuestionReportRow(Base):
    """A member's report of a quiz question in a server: one per member and question (a second one is a no-op).

    A question is suspended in the server while a manager's report or enough members' reports stand
    (bot.storage.reports); a manager restoring it deletes its reports.
    """

    __tablename__ = "question_reports"
    __table_args__ = (CheckConstraint(one_of("reason", ReportReason), name="reason"),)

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    prompt_id: Mapped[str] = mapped_column(String(PROMPT_ID_LENGTH), primary_key=True)
    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    reason: Mapped[ReportReason] = mapped_column(StrEnumText(ReportReason, 16))
    by_manager: Mapped[bool] = mapped_column(Boolean)
    reported_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MemberExamRow(Base):
    """The exam day a member set for themselves, and how many minutes a day they said they can study."""

    __tablename__ = "member_exams"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    exam_on: Mapped[date] = mapped_column(Date)
    name: Mapped[str | None] = mapped_column(String(EXAM_NAME_LENGTH))
    daily_minutes: Mapped[int | None] = mapped_column(Integer)
    set_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GroupExamRow(Base):
    """The exam day a study group's owner set for the group (gone with the group)."""

    __tablename__ = "group_exams"

    group_id: Mapped[int] = mapped_column(ForeignKey("study_groups.id", ondelete="CASCADE"), primary_key=True)
    exam_on: Mapped[date] = mapped_column(Date)
    name: Mapped[str | None] = mapped_column(String(EXAM_NAME_LENGTH))
    set_by: Mapped[int] = mapped_column(Snowflake)
    set_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ExamSectionDomainRow(Base):
    """A manager's move of one top-level section of the notes into another exam domain (or out of every domain:
    `domain` NULL), overriding the notes' profile in that server."""

    __tablename__ = "exam_section_domains"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    section: Mapped[str] = mapped_column(Text, primary_key=True)  # a top-level heading of the notes
    domain: Mapped[str | None] = mapped_column(String(DOMAIN_LENGTH))
    set_by: Mapped[int] = mapped_column(Snowflake)
    set_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ExamResultRow(Base):
    """A member's reported exam outcome, with the readiness stage they were at (to compare later)."""

    __tablename__ = "exam_results"
    __table_args__ = (Index("ix_exam_results_guild_time", "guild_id", "recorded_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(Snowflake)
    user_id: Mapped[int] = mapped_column(Snowflake)
    exam_on: Mapped[date | None] = mapped_column(Date)
    name: Mapped[str | None] = mapped_column(String(EXAM_NAME_LENGTH))
    passed: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[int | None] = mapped_column(Integer)
    stage: Mapped[str | None] = mapped_column(String(16))  # bot.exam.readiness stage when recorded
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MockNightRow(Base):
    """A study group's mock night: one mock for every member, taken within a window, results posted together."""

    __tablename__ = "mock_nights"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(Snowflake)
    group_id: Mapped[int] = mapped_column(ForeignKey("study_groups.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(Snowflake)  # where it was announced and its results go
    questions_json: Mapped[str] = mapped_column(Text)  # the questions as asked (bot.service.mocks)
    minutes: Mapped[int] = mapped_column(Integer)
    opens_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closes_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[int] = mapped_column(Snowflake)
    results_claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # a lease on posting the results
    results_posted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class MockExamRow(Base):
    """One member's mock exam: its questions as asked, the answers and flags so far, its deadline and outcome."""

    __tablename__ = "mock_exams"
    __table_args__ = (
        Index("ix_mock_exams_member", "guild_id", "user_id", "started_at"),
        Index("ix_mock_exams_open_deadline", "submitted_at", "deadline"),
        UniqueConstraint("night_id", "user_id", name="uq_mock_exams_night_user"),  # one attempt per mock night
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(Snowflake)
    user_id: Mapped[int] = mapped_column(Snowflake)
    night_id: Mapped[int | None] = mapped_column(ForeignKey("mock_nights.id", ondelete="CASCADE"))
    questions_json: Mapped[str] = mapped_column(Text)
    answers_json: Mapped[str] = mapped_column(Text)  # {"question index": choice index}
    flags_json: Mapped[str] = mapped_column(Text)  # [question index, ...] flagged for review
    position: Mapped[int] = mapped_column(Integer)  # the question shown last (where a resume starts)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deadline: Mapped[datetime] = mapped_column(UtcDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    auto_submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    correct: Mapped[int | None] = mapped_column(Integer)  # right answers, once submitted
    total: Mapped[int] = mapped_column(Integer)
    reported_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # an auto-submitted mock's report was sent


class UploadedNoteRow(Base):
    """A notes file a server's manager uploaded, kept whole as uploaded (`content`), so that any process on any
    machine can build the server's index from the database alone; one per server and file name."""

    __tablename__ = "uploaded_notes"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(NOTE_NAME_LENGTH), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)  # bytes, as uploaded
    sha256: Mapped[str] = mapped_column(String(64))  # of `content`
    content: Mapped[bytes] = mapped_column(LargeBinary)
    pages: Mapped[int | None] = mapped_column(Integer)  # of a PDF
    passages: Mapped[int | None] = mapped_column(Integer)  # in the server's latest build (None before it)
    uploaded_by: Mapped[int] = mapped_column(Snowflake)
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ServerNotesRow(Base):
    """A server's notes library: whether the default notes are in it, the revision of its files (raised by every
    change), the build that processes serve (the build of `built_revision`; `build_complete` false while it is the
    build's first stage, its quiz items still being made), and the revision whose build last failed and when (every
    attempt crashed, or the build was refused)."""

    __tablename__ = "server_notes"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    include_default: Mapped[bool] = mapped_column(Boolean, server_default=true())
    revision: Mapped[int] = mapped_column(Integer, server_default="0")
    build_id: Mapped[str | None] = mapped_column(String(BUILD_ID_LENGTH))
    built_revision: Mapped[int | None] = mapped_column(Integer)
    built_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    build_complete: Mapped[bool] = mapped_column(Boolean, server_default=true())
    failed_revision: Mapped[int | None] = mapped_column(Integer)
    failed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
