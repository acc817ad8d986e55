"""Plain results the tutor service returns; front ends format them and hold no rules of their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.exam.marking import Marking
from bot.exam.mock import MockQuestion
from bot.exam.schedule import LoadAdvice
from bot.knowledge.chunking import Chunk
from bot.pictures import TopicMastery
from bot.progress.leaderboard import GroupStanding, LeaderboardRow
from bot.progress.streaks import Streak
from bot.quiz.item import QuizItem
from bot.quiz.report_reason import ReportReason
from bot.storage.records import DailyPost, DailyResults, ExamCountdownRow, ExamDate


@dataclass(frozen=True)
class Who:
    """The member acting: guild_id 0 means a direct message or the terminal tutor."""

    guild_id: int
    user_id: int
    name: str
    is_manager: bool = False


@dataclass(frozen=True)
class TimeZones:
    """The zone a member's days follow: their own (None: the server's), the server's, and the time there now."""

    own: str | None
    server: str
    local_now: datetime  # aware, in the zone followed


@dataclass(frozen=True)
class LeechPassage:
    """A prompt just set aside as a leech after `lapses` wrong answers, and the passage that answers it (None when
    the notes no longer hold it)."""

    lapses: int
    passage: Chunk | None


@dataclass(frozen=True)
class GradedAnswer:
    prompt: QuizItem
    correct: bool
    expected: str
    note: str
    points: int
    set_aside: LeechPassage | None = None  # this answer made the prompt a leech: show the passage, not the card


@dataclass(frozen=True)
class QuizRound:
    round_id: str
    prompts: tuple[QuizItem, ...]
    review: bool


@dataclass(frozen=True)
class RoundSummary:
    answered: int
    correct: int
    points: int
    streak: Streak
    missed: tuple[QuizItem, ...] = ()


@dataclass(frozen=True)
class MemberStats:
    name: str
    streak: Streak
    points: int
    answered: int
    correct: int
    reviews_due: int
    today: date
    answers_by_day: dict[date, int] = field(default_factory=dict)
    mastery: tuple[TopicMastery, ...] = ()  # bot.quiz.mastery: every topic, in the notes' order
    study_next: str | None = None  # the weakest started topic; None when none is started
    exam: ExamPlan | None = None  # the member's exam days (None: none set, theirs or their groups')

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None


class BoardScope(StrEnum):
    """Which board a member asks for besides a study group's own (named by the group)."""

    SERVER = "server"  # every member of the server
    GROUPS = "groups"  # the study groups ranked against each other

    @classmethod
    def of(cls, text: str) -> BoardScope | str:
        """SERVER or GROUPS when `text` is that word (any case; blank means SERVER), else `text` stripped: the name
        of a study group."""
        word = text.strip()
        for scope in cls:
            if word.casefold() == scope.value:
                return scope
        return word or cls.SERVER


@dataclass(frozen=True)
class Leaderboard:
    scope: BoardScope | str  # SERVER, or the group's name
    period: str
    rows: tuple[LeaderboardRow, ...]
    streaks: dict[int, int] = field(default_factory=dict)  # current streak by user id, for the rows shown first
    season: date | None = None  # a past season's first day; None for the current period


@dataclass(frozen=True)
class GroupBoard:
    period: str
    rows: tuple[GroupStanding, ...]
    season: date | None = None  # a past season's first day; None for the current period


@dataclass(frozen=True)
class WebBoard:
    """One page of a server's web leaderboard: the member board of the server or a group, or the group board."""

    server_name: str | None  # as last seen by the bot; None before anyone asked for the link
    scope: BoardScope | str  # SERVER, GROUPS or a study group's name
    season: int  # 0: the current period, 1: the one before...
    group_names: tuple[str, ...]  # the server's study groups, to move between boards
    members: Leaderboard | None = None  # for SERVER and a group
    groups: GroupBoard | None = None  # for GROUPS

    @property
    def board(self) -> Leaderboard | GroupBoard:
        board = self.members or self.groups
        assert board is not None, "a WebBoard holds a member board or a group board"
        return board


@dataclass(frozen=True)
class DailyQuiz:
    """A claimed daily post and its prompt (as posted), ready to send (or already sent)."""

    post: DailyPost
    prompt: QuizItem
    retaken: bool = False  # an earlier claim lapsed without recording a message: it may have been sent
    countdowns: tuple[ExamCountdownRow, ...] = ()  # the server's coming exam days, soonest first


@dataclass(frozen=True)
class ExamPlan:
    """A member's exam days: their own and their study groups' (soonest first), and their local today."""

    own: ExamDate | None
    groups: tuple[ExamDate, ...]
    today: date
    load: LoadAdvice | None = None  # the coming week's reviews against the minutes a day they said (if they did)

    @property
    def followed(self) -> ExamDate | None:
        """The exam the member prepares for: their own day, else their study groups' soonest day not yet past."""
        if self.own is not None:
            return self.own
        return next((g for g in self.groups if g.exam_on >= self.today), None)

    def days_left(self) -> int | None:
        """Days from today to the followed exam (0 on the day, negative after), None without one."""
        followed = self.followed
        return None if followed is None else (followed.exam_on - self.today).days


@dataclass(frozen=True)
class DailyReveal:
    post: DailyPost
    prompt: QuizItem
    results: DailyResults
    retaken: bool = False  # an earlier claim to reveal lapsed without an outcome: it may have been sent


@dataclass(frozen=True)
class ReportOutcome:
    """What a member's report did: `new` is False when they had reported the question already."""

    new: bool
    suspended: bool  # the question is now suspended in the server


@dataclass(frozen=True)
class ReportedItem:
    """A reported question of a server for its managers: the prompt (None when the notes no longer hold it)."""

    prompt_id: str
    prompt: QuizItem | None
    reporters: int
    by_manager: bool
    reasons: dict[ReportReason, int]
    suspended: bool


@dataclass(frozen=True)
class MockSession:
    """A member's mock exam: questions as asked, answers (question index → choice index), flags, the question to
    show, the deadline, and whether (and when) it was submitted. `resumed`: an open mock shown again."""

    id: int
    questions: tuple[MockQuestion, ...]
    answers: dict[int, int]
    flags: frozenset[int]
    position: int
    started_at: datetime
    deadline: datetime
    submitted_at: datetime | None
    night_id: int | None = None
    resumed: bool = False

    @property
    def unanswered(self) -> tuple[int, ...]:
        return tuple(i for i in range(len(self.questions)) if i not in self.answers)


@dataclass(frozen=True)
class MockReport:
    """A submitted mock marked: score, per-domain scores, the misses (indices), time used, and whether the deadline
    submitted it."""

    session: MockSession
    marking: Marking
    time_used: timedelta
    auto_submitted: bool
    user_id: int
    guild_id: int


@dataclass(frozen=True)
class MockNight:
    """A study group's mock night: announced in a channel, open until `closes_at`."""

    id: int
    group: str
    channel_id: int
    questions: int
    minutes: int
    closes_at: datetime


@dataclass(frozen=True)
class NightResults:
    """A closed mock night: each attempt's member name and report (best score first)."""

    night: MockNight
    results: tuple[tuple[str, MockReport], ...]
