"""The tutor service: the one async facade over knowledge, quiz, progress and storage.

Front ends (the Discord bot, the terminal tutor) call only this and format the plain results it returns.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from bot.clock import Clock, SystemClock
from bot.exam.domains import ExamDomains
from bot.exam.readiness import Readiness
from bot.indexing import open_build, open_notes
from bot.knowledge.answering import Answer
from bot.knowledge.chunking import Chunk
from bot.knowledge.embedder import Embedder
from bot.knowledge.practice.checker import CheckResult
from bot.knowledge.practice.parsing import PracticeQuestion, parse_question
from bot.knowledge.profile import load_profile
from bot.knowledge.questions import AnswerProblem
from bot.progress.streaks import Streak
from bot.quiz.item import QuizItem
from bot.quiz.scheduling import ReviewScheduler
from bot.service.board_links import board_links
from bot.service.boards import Boards
from bot.service.daily_answers import DailyAnswerWriter
from bot.service.daily_quiz import DailyQuizzes
from bot.service.exam_domains import ServerExamDomains
from bot.service.exam_reviews import ExamAwareReviews
from bot.service.exams import Exams
from bot.service.followups import Conversation, RecentQuestions
from bot.service.groups import StudyGroups
from bot.service.library import NotesLibrary, Resolver
from bot.service.member_stats import MemberStatistics
from bot.service.members import Members
from bot.service.mocks import Mocks
from bot.service.notes import NotesBundle, NotesSource
from bot.service.quiz_rounds import QuizRounds
from bot.service.readiness import ExamReadiness
from bot.service.reports import Reports
from bot.service.rewards import Rewards, RoleChange
from bot.service.seasons import SeasonResult, Seasons
from bot.service.server_settings import ServerSettings
from bot.service.types import (
    BoardScope,
    DailyQuiz,
    DailyReveal,
    ExamPlan,
    GradedAnswer,
    GroupBoard,
    Leaderboard,
    MemberStats,
    QuizRound,
    ReportedItem,
    ReportOutcome,
    RoundSummary,
    TimeZones,
    Who,
)
from bot.service.web_boards import WebBoardAddress
from bot.settings import Settings
from bot.storage import (
    DailyPost,
    DailyProblem,
    Database,
    ExamResult,
    GroupInfo,
    GuildSettings,
    Repositories,
    RoleReward,
    StudyGroup,
)

log = logging.getLogger(__name__)


class Tutor:
    """Everything a study server can ask of tutorbot."""

    def __init__(self, settings: Settings, notes: NotesLibrary, db: Database, clock: Clock) -> None:
        """The service over a library of notes bundles (one per server with notes of its own, else the default)
        and a database; `open` composes them from settings."""
        self.settings = settings
        self.clock = clock
        self.notes = notes
        self.db = db
        self.repos = Repositories.over(db)
        self.scheduler = ReviewScheduler(self.repos.reviews, leech_lapses=settings.quiz.leech_lapses)
        self.boards = Boards(self.repos, clock)
        self.seasons = Seasons(self.repos, self.boards, clock)
        self.web_board = WebBoardAddress(self.repos, clock, board_links(settings))  # links None: no web board
        self.exams = Exams(self.repos, clock)
        self.exam_domains = ServerExamDomains(self.repos, clock, notes)
        self.exam_reviews = ExamAwareReviews(self.scheduler, self.repos)
        self.mocks = Mocks(self.repos, clock, self.exam_reviews, notes, self.exam_domains.of, self._usable_items)
        self.rewards = Rewards(self.repos, self.boards, clock, notes, self.exam_domains.of)
        self.readiness = ExamReadiness(self.mocks, self.scheduler, notes, self.exam_domains.of)
        self.recent_questions = RecentQuestions(clock)
        self.members = Members(self.repos, clock)
        self.groups = StudyGroups(self.repos, self.members, clock)
        self.server = ServerSettings(self.repos, clock)
        self.reports = Reports(self.repos, self.members, notes, clock, settings.quiz.reports_to_suspend)
        answers = DailyAnswerWriter(self.repos, self.exam_reviews, db.dialect)
        self.daily = DailyQuizzes(self.repos, clock, notes, self.exams, answers, self.reports.suspended)
        self.member_stats = MemberStatistics(
            self.boards, self.scheduler, notes, self.exams, self.reports.suspended, clock
        )
        self.rounds = QuizRounds(
            self.repos,
            clock,
            notes,
            self.members,
            self.scheduler,
            self.exam_reviews,
            self.readiness,
            self.boards,
            self.reports.suspended,
        )

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        clock: Clock | None = None,
        embedder: Embedder | None = None,
        resolver: Resolver | None = None,
    ) -> Tutor:
        """The composition root: load the model and the default notes (off the event loop, rebuilding a bad
        index), make the notes library (servers' own notes told by `resolver`, loaded from their build folders on
        first use), and open the database."""
        embedder = embedder or Embedder(settings.retrieval.model)
        default = await asyncio.to_thread(_default_bundle, settings, embedder)
        library = NotesLibrary(default, partial(_bundle_of, embedder=embedder), resolver)
        db = await Database.open(settings.database_url)
        return cls(settings, library, db, clock or SystemClock())

    async def close(self) -> None:
        await self.db.close()

    # -- notes -------------------------------------------------------------------------------------------------
    async def topics(self, guild_id: int | None = None) -> list[str]:
        """The top-level topics of the server's notes, in the notes' order."""
        return (await self.notes.bundle_for(guild_id)).topics

    async def quiz_topic_sizes(self, guild_id: int | None = None) -> dict[str, int]:
        """The topics of the server's notes that have quiz questions, in the notes' order, with how many each has."""
        return (await self.notes.bundle_for(guild_id)).quiz_topic_sizes()

    async def example_question(self, guild_id: int | None = None) -> str:
        """The example question of the server's notes ('' when their profile gives none)."""
        return (await self.notes.bundle_for(guild_id)).profile.example_question

    async def exam_domain_names(self, guild_id: int | None = None) -> list[str]:
        """The exam domains of the server's notes, in the blueprint's order."""
        return list((await self.notes.bundle_for(guild_id)).exam_domains.weights)

    async def ask(
        self, question: str, topic: str | None = None, where: Conversation | None = None, guild_id: int | None = None
    ) -> Answer:
        """An answer from the server's notes (`where`'s server, else `guild_id`, else the default notes);
        concurrent questions share one batched model call off the event loop.

        With `where` (the member and channel asking), a follow-up ("why?", "and what are its limits?", "what about
        HTTP?") is read against the member's previous question there within the last few minutes; the answer's
        `understood` then holds the question as searched.
        """
        bundle = await self.notes.bundle_for(where.guild_id if where is not None else guild_id)
        previous = self.recent_questions.previous(where) if where is not None else None
        follow_up = bundle.follow_up(question, previous)
        searched = follow_up.question if follow_up else question
        answer = await bundle.ask(searched, topic)
        if follow_up:
            answer = replace(answer, query=question, understood=searched)
        if where is not None and answer.problem in (
            None,
            AnswerProblem.NOT_COVERED,
        ):  # bad input is not a question to follow
            self.recent_questions.remember(where, searched)
        return answer

    async def check(
        self, question: str | PracticeQuestion, select: int | None = None, guild_id: int | None = None
    ) -> CheckResult:
        """What the server's notes say for and against each option of a practice question (pasted or parsed)."""
        if isinstance(question, str):
            question = parse_question(question, select)
        return await (await self.notes.bundle_for(guild_id)).check(question)

    async def passage(self, guild_id: int | None, chunk_id: str) -> Chunk:
        """A passage of the server's notes by id; NotFound once a rebuild dropped it."""
        return (await self.notes.bundle_for(guild_id)).passage(chunk_id)

    async def passage_at(self, guild_id: int | None, source: str, start_line: int, end_line: int) -> Chunk | None:
        """The passage of the server's notes spanning exactly these lines of `source`, or None."""
        return (await self.notes.bundle_for(guild_id)).chunk_at(source, start_line, end_line)

    # -- members -----------------------------------------------------------------------------------------------
    async def set_time_zone(self, who: Who, zone: str | None) -> TimeZones:
        """Set the member's own zone, or follow the server's (None or `server`); see `Members.set_time_zone`."""
        return await self.members.set_time_zone(who, zone)

    async def time_zones(self, who: Who) -> TimeZones:
        """The zone the member's study days follow, the server's, and the time there now."""
        return await self.members.time_zones(who)

    async def member_left(self, guild_id: int, user_id: int) -> None:
        await self.members.left(guild_id, user_id)

    async def hide_from_boards(self, who: Who, user_id: int, hidden: bool = True) -> None:
        """A manager hides a member from every board (or shows them again); their history stays."""
        await self.boards.set_hidden(who, user_id, hidden)

    # -- quiz rounds and reviews -------------------------------------------------------------------------------
    async def start_quiz(
        self, who: Who, topic: str | None = None, length: int | None = None, review: bool = False
    ) -> QuizRound:
        """A round: due reviews first, then new items spread over topics (only due ones when `review`); see
        `QuizRounds.start`."""
        return await self.rounds.start(who, topic, length, review)

    async def answer(
        self, who: Who, prompt_id: str, response: str, round_id: str | None = None, request_id: str | None = None
    ) -> GradedAnswer:
        """Grade a quiz or review answer, store it and reschedule the item; see `QuizRounds.answer`."""
        return await self.rounds.answer(who, prompt_id, response, round_id, request_id)

    async def study_again(self, who: Who, prompt_id: str) -> QuizItem:
        """Bring an item the member set aside as a leech back into their reviews (NotFound: not set aside)."""
        return await self.rounds.study_again(who, prompt_id)

    def quiz_round(self, who: Who, round_id: str) -> QuizRound:
        """The member's open round; NotFound once it has ended."""
        return self.rounds.get(who, round_id)

    async def finish_round(self, who: Who, round_id: str) -> RoundSummary:
        return await self.rounds.finish(who, round_id)

    # -- daily quiz --------------------------------------------------------------------------------------------
    # See `DailyQuizzes` (service/daily_quiz.py) for the steps of a server's day.
    async def due_daily_servers(self, guild_ids: Collection[int] | None = None) -> list[GuildSettings]:
        return await self.daily.due_servers(guild_ids)

    async def claim_daily_post(self, server: GuildSettings) -> DailyQuiz | None:
        return await self.daily.claim_post(server)

    async def daily_sent(self, post: DailyPost, message_id: int) -> None:
        await self.daily.sent(post, message_id)

    async def daily_step_failed(self, post: DailyPost, problem: str) -> None:
        await self.daily.step_failed(post, problem)

    async def daily_problems_to_tell(self, guild_ids: Collection[int] | None = None) -> list[DailyProblem]:
        return await self.daily.problems_to_tell(guild_ids)

    async def daily_problem_told(self, problem: DailyProblem) -> None:
        await self.daily.problem_told(problem)

    async def daily_problem(self, guild_id: int) -> DailyProblem | None:
        return await self.daily.problem(guild_id)

    async def daily_quiz(self, post_id: int) -> DailyQuiz:
        return await self.daily.quiz(post_id)

    async def answer_daily(self, who: Who, post_id: int, response: str, request_id: str | None = None) -> GradedAnswer:
        """Grade a member's one answer to a daily quiz; see `DailyQuizzes.answer`."""
        return await self.daily.answer(who, post_id, response, request_id)

    async def due_reveals(self, guild_ids: Collection[int] | None = None) -> list[DailyPost]:
        return await self.daily.due_reveals(guild_ids)

    async def claim_reveal(self, post: DailyPost) -> DailyReveal | None:
        return await self.daily.claim_reveal(post)

    async def daily_revealed(self, post_id: int) -> None:
        await self.daily.revealed(post_id)

    # -- reported questions ------------------------------------------------------------------------------------
    async def _usable_items(self, guild_id: int) -> list[QuizItem]:
        """The quiz items a server may be asked: every one not suspended there."""
        suspended = await self.suspended_prompts(guild_id)
        return [p for p in (await self.notes.bundle_for(guild_id)).prompts.values() if p.id not in suspended]

    async def suspended_prompts(self, guild_id: int) -> set[str]:
        """Ids of the questions suspended in the server by reports (one query)."""
        return await self.reports.suspended(guild_id)

    async def report(self, who: Who, prompt_id: str, reason: str) -> ReportOutcome:
        """The member reports a question (`reason`: a ReportReason's value); see `Reports.report`."""
        return await self.reports.report(who, prompt_id, reason)

    async def reported_questions(self, who: Who) -> list[ReportedItem]:
        """The server's reported questions, most reported first; only managers may look (NotAllowed)."""
        return await self.reports.reported(who)

    async def restore_question(self, who: Who, prompt_id: str) -> None:
        """A manager clears a question's reports (NotFound: none stood)."""
        await self.reports.restore(who, prompt_id)

    # -- progress ----------------------------------------------------------------------------------------------
    async def streak(self, who: Who) -> Streak:
        return await self.boards.streak(who)

    async def stats(self, who: Who) -> MemberStats:
        """The member's card: streak, points, answers, reviews due, topic mastery, their exam."""
        return await self.member_stats.of(who)

    async def leaderboard(
        self, guild_id: int, period: str = "week", group: str | None = None, season: int = 0
    ) -> Leaderboard:
        """Members by points in a season: 0 the current week/month/all time, 1 the one before, and so on."""
        return await self.boards.leaderboard(guild_id, period, group, season)

    async def group_board(self, guild_id: int, period: str = "week", season: int = 0) -> GroupBoard:
        return await self.boards.group_board(guild_id, period, season)

    async def board(
        self, guild_id: int, scope: str = BoardScope.SERVER, period: str = "week", season: int = 0
    ) -> Leaderboard | GroupBoard:
        """The board `scope` names: "server", "groups" (group vs group) or a study group's name; see `Boards.board`."""
        return await self.boards.board(guild_id, scope, period, season)

    async def web_board_link(self, guild_id: int, server_name: str) -> str | None:
        """The address of the server's web leaderboard; None without one (see `WebBoardAddress.of`)."""
        return await self.web_board.of(guild_id, server_name)

    async def close_due_seasons(self, guild_ids: Collection[int] | None = None) -> list[SeasonResult]:
        """The weeks and months just ended, each claimed once across processes; announce them or `reopen_season`."""
        return await self.seasons.close_due(guild_ids)

    async def reopen_season(self, result: SeasonResult) -> None:
        await self.seasons.reopen(result)

    # -- role rewards ------------------------------------------------------------------------------------------
    # Managers attach roles to goals; the bot's rewards loop asks for the `role_changes`, makes each on Discord
    # and reports it (`role_changed`) or why it could not (`reward_problem`).
    async def add_reward(
        self,
        who: Who,
        role_id: int,
        role_name: str,
        kind: str,
        amount: int | None = None,
        period: str | None = None,
        domain: str | None = None,
    ) -> RoleReward:
        """Attach a role to a goal: kind streak (amount days), points (amount in period week, month or all),
        season_winner (period week or month) or domain_mastery (amount per cent of one of `exam_domains`).
        Managers only; InvalidInput names a bad goal."""
        return await self.rewards.add(who, role_id, role_name, kind, amount, period, domain)

    async def remove_reward(self, who: Who, role_id: int) -> list[int]:
        """Detach a reward role; the members to take it back from."""
        return await self.rewards.remove(who, role_id)

    async def list_rewards(self, guild_id: int) -> list[RoleReward]:
        return await self.repos.rewards.list_rewards(guild_id)

    async def role_changes(self, guild_ids: Collection[int] | None = None) -> list[RoleChange]:
        return await self.rewards.changes(guild_ids)

    async def role_changed(self, change: RoleChange) -> None:
        await self.rewards.done(change)

    async def reward_problem(self, guild_id: int, role_id: int, problem: str) -> None:
        await self.rewards.problem(guild_id, role_id, problem)

    # -- exam days ---------------------------------------------------------------------------------------------
    async def set_exam(
        self, who: Who, when: str, name: str | None = None, group: str | None = None, daily_minutes: int | None = None
    ) -> ExamPlan:
        """Set the member's exam day (or a study group's, by its owner); see `Exams.set` for the errors."""
        return await self._with_load(who, await self.exams.set(who, when, name, group, daily_minutes))

    async def clear_exam(self, who: Who, group: str | None = None) -> ExamPlan:
        return await self._with_load(who, await self.exams.clear(who, group))

    async def exam_plan(self, who: Who) -> ExamPlan:
        """The member's exam days, with the coming week's review load against their minutes a day."""
        return await self._with_load(who, await self.exams.plan(who))

    async def _with_load(self, who: Who, plan: ExamPlan) -> ExamPlan:
        return replace(plan, load=await self.readiness.load(who, plan))

    async def record_exam_result(self, who: Who, outcome: str, score: int | None = None) -> ExamResult:
        """The member passed or failed (score 0..1000 optional), recorded against the exam they follow."""
        return await self.exams.record_result(who, outcome, score, stage=(await self.readiness.of(who)).stage)

    async def server_exam_domains(self, guild_id: int) -> ExamDomains:
        """The exam's domains with their weights and sections in this server (its managers' moves applied)."""
        return await self.exam_domains.of(guild_id)

    async def move_exam_section(self, who: Who, section: str, domain: str) -> ExamDomains:
        """Move a top-level section into another exam domain ("none": out of every domain); managers only."""
        return await self.exam_domains.move(who, section, domain)

    async def reset_exam_sections(self, who: Who, section: str | None = None) -> ExamDomains:
        """Undo a section's move (or every move: the notes' profile again); managers only."""
        return await self.exam_domains.reset(who, section)

    async def exam_readiness(self, who: Who) -> Readiness:
        """The member's readiness stage by the rule (`bot.exam.readiness`), per-domain mastery and full mocks."""
        return await self.readiness.of(who)

    async def start_drill(self, who: Who, length: int | None = None) -> QuizRound:
        """A round on the member's weak spots; see `QuizRounds.start_drill`."""
        return await self.rounds.start_drill(who, length)

    # -- study groups ------------------------------------------------------------------------------------------
    async def create_group(self, who: Who, name: str) -> StudyGroup:
        return await self.groups.create(who, name)

    async def join_group(self, who: Who, name: str) -> StudyGroup:
        return await self.groups.join(who, name)

    async def leave_group(self, who: Who, name: str) -> StudyGroup:
        return await self.groups.leave(who, name)

    async def delete_group(self, who: Who, name: str) -> StudyGroup:
        return await self.groups.delete(who, name)

    async def list_groups(self, guild_id: int, member_id: int | None = None) -> list[StudyGroup]:
        return await self.groups.list_groups(guild_id, member_id)

    async def group_info(self, guild_id: int, name: str) -> GroupInfo:
        return await self.groups.info(guild_id, name)

    # -- server settings and feedback --------------------------------------------------------------------------
    async def server_settings(self, guild_id: int) -> GuildSettings:
        return await self.server.get(guild_id)

    async def configure(self, who: Who, **changes: Any) -> GuildSettings:
        """Change the server's settings and return them (no changes: the current ones); only members with Manage
        Server may see or change them (see `ServerSettings.configure`)."""
        return await self.server.configure(who, **changes)

    async def feedback(self, who: Who, answer_id: str, question: str, helpful: bool, chunk_ids: Sequence[str]) -> None:
        """The member's vote on one answer (`answer_id`: e.g. its message id); a new vote replaces theirs."""
        await self.repos.feedback.record(
            who.guild_id,
            who.user_id,
            answer_id,
            question[:2000],
            helpful=helpful,
            chunk_ids=chunk_ids,
            created_at=self.clock.now(),
        )


def _default_bundle(settings: Settings, embedder: Embedder) -> NotesBundle:
    """The bundle of the settings' notes (rebuilt first when missing, stale or damaged), with their profile."""
    retriever, prompts = open_notes(settings, embedder)
    return NotesBundle(retriever, prompts, load_profile(settings.paths.corpus_dir))


def _bundle_of(source: NotesSource, embedder: Embedder) -> NotesBundle:
    """The bundle of one index build folder (a server's own notes), read as it is."""
    retriever, prompts = open_build(source.folder, embedder)
    return NotesBundle(retriever, prompts, source.profile, source.build_id, source.quiz_ready)
