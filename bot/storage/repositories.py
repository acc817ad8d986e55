"""Every repository over one Database, built together for the service."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.answers import AnswerRepository
from bot.storage.daily import DailyPostRepository
from bot.storage.daily_problems import DailyProblemRepository
from bot.storage.database import Database
from bot.storage.exam_domains import ExamDomainRepository
from bot.storage.exams import ExamRepository
from bot.storage.feedback import FeedbackRepository
from bot.storage.groups import GroupRepository
from bot.storage.members import MemberRepository
from bot.storage.mocks import MockRepository
from bot.storage.notes import NotesRepository
from bot.storage.reports import ReportRepository
from bot.storage.reviews import SqlReviewStore
from bot.storage.rewards import RewardRepository
from bot.storage.seasons import SeasonRepository
from bot.storage.settings_repo import GuildSettingsRepository
from bot.storage.standings import StandingsRepository


@dataclass(frozen=True)
class Repositories:
    settings: GuildSettingsRepository
    members: MemberRepository
    groups: GroupRepository
    answers: AnswerRepository
    standings: StandingsRepository
    daily: DailyPostRepository
    daily_problems: DailyProblemRepository
    feedback: FeedbackRepository
    reviews: SqlReviewStore
    seasons: SeasonRepository
    reports: ReportRepository
    rewards: RewardRepository
    exams: ExamRepository
    exam_domains: ExamDomainRepository
    mocks: MockRepository
    notes: NotesRepository

    @classmethod
    def over(cls, db: Database) -> Repositories:
        return cls(
            settings=GuildSettingsRepository(db),
            members=MemberRepository(db),
            groups=GroupRepository(db),
            answers=AnswerRepository(db),
            standings=StandingsRepository(db),
            daily=DailyPostRepository(db),
            daily_problems=DailyProblemRepository(db),
            feedback=FeedbackRepository(db),
            reviews=SqlReviewStore(db),
            seasons=SeasonRepository(db),
            reports=ReportRepository(db),
            rewards=RewardRepository(db),
            exams=ExamRepository(db),
            exam_domains=ExamDomainRepository(db),
            mocks=MockRepository(db),
            notes=NotesRepository(db),
        )
