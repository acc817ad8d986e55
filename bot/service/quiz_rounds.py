"""The quiz rounds service: quiz, review and drill rounds, their answers graded, stored and rescheduled."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from bot.clock import Clock
from bot.errors import NotAllowed, NotFound, UnusableAnswer
from bot.progress.points import AnswerKind, points_for
from bot.quiz.item import QuizItem
from bot.quiz.review_store import MemberKey, ReviewState
from bot.quiz.scheduling import ReviewScheduler
from bot.service.boards import Boards
from bot.service.exam_reviews import ExamAwareReviews
from bot.service.library import NotesLibrary
from bot.service.members import Members
from bot.service.notes import QUIZ_BEING_MADE, NotesBundle
from bot.service.readiness import ExamReadiness
from bot.service.rounds import (
    DRILL_ROUND_LENGTH,
    QUIZ_ROUND_LENGTH,
    REVIEW_ROUND_LENGTH,
    RoundBook,
    round_length,
)
from bot.service.types import GradedAnswer, LeechPassage, QuizRound, RoundSummary, Who
from bot.storage import Repositories
from bot.storage.answers import AnswerEntry, ReviewStep, request_key, round_key

ANSWERED_IN_ROUND = "You already answered that question in this round."
ROUND_ENDED = "That quiz round has ended (finished, or tutorbot restarted); start a new one with /quiz."


class QuizRounds:
    """Rounds of questions for a member: which items they are asked (`start`, `start_drill`), their answers
    (`answer`, scored once per round and question), the round's summary (`finish`); open rounds are kept in memory
    (`RoundBook`), every answer is stored as it is graded."""

    def __init__(
        self,
        repos: Repositories,
        clock: Clock,
        notes: NotesLibrary,
        members: Members,
        scheduler: ReviewScheduler,
        exam_reviews: ExamAwareReviews,
        readiness: ExamReadiness,
        boards: Boards,
        suspended: Callable[[int], Awaitable[set[str]]],
    ) -> None:
        """`suspended(guild_id)`: the ids of the items suspended in a server (never asked there)."""
        self.repos = repos
        self.clock = clock
        self.notes = notes
        self.members = members
        self.scheduler = scheduler
        self.exam_reviews = exam_reviews
        self.readiness = readiness
        self.boards = boards
        self._suspended = suspended
        self.book = RoundBook()

    async def start(
        self, who: Who, topic: str | None = None, length: int | None = None, review: bool = False
    ) -> QuizRound:
        """A round: due reviews first, then new prompts spread over topics (only due ones when `review`); `length`
        questions, else QUIZ_ROUND_LENGTH (REVIEW_ROUND_LENGTH for a review), at most MAX_ROUND_LENGTH."""
        await self.members.seen(who)
        notes = await self.notes.bundle_for(who.guild_id)
        length = round_length(length, REVIEW_ROUND_LENGTH if review else QUIZ_ROUND_LENGTH)
        chosen_topic = notes.match_topic(topic)
        if chosen_topic is not None and chosen_topic not in notes.quiz_topic_sizes():
            if not notes.quiz_ready:
                raise NotFound(QUIZ_BEING_MADE)
            raise NotFound(f"The notes under {chosen_topic!r} have no quiz questions; /topics lists those that do.")
        member = MemberKey(who.guild_id, who.user_id)
        now = self.clock.now()
        suspended = await self._suspended(who.guild_id)
        if review:
            picked = (await self.scheduler.due(member, notes.prompts, now, chosen_topic, suspended))[:length]
        else:
            prompts = list(notes.prompts.values())
            picked = await self.scheduler.next_prompts(member, prompts, now, length, chosen_topic, suspended)
            if not picked and not notes.quiz_ready:
                raise NotFound(QUIZ_BEING_MADE)
        round_id = self.book.open(who.guild_id, who.user_id, tuple(picked), review)
        return QuizRound(round_id, tuple(picked), review)

    async def answer(
        self, who: Who, prompt_id: str, response: str, round_id: str | None = None, request_id: str | None = None
    ) -> GradedAnswer:
        """Grade a quiz or review answer, store it at once, and reschedule the prompt for this member.

        The answer's idempotency key is the round and question (else the request): a question is scored once per
        round however many clicks or answer boxes reach it, and a retry with the same `request_id` (e.g. the
        Discord interaction id; a fresh one when None) gets the first verdict. An ended or unknown round, or a
        second answer to one question, is refused before anything is written; so is an answer that cannot be marked
        (UnusableAnswer: empty, over 200 characters, not true/false, a choice letter out of range), which the member
        should give again.
        """
        notes = await self.notes.bundle_for(who.guild_id)
        request_id = request_id or uuid.uuid4().hex
        open_round = None
        key = request_key(request_id)
        if round_id is not None:
            open_round = self.book.get(round_id, who.guild_id, who.user_id)
            asked = None if open_round is None else next((p for p in open_round.prompts if p.id == prompt_id), None)
            if open_round is None or asked is None:
                raise NotFound(ROUND_ENDED)
            if prompt_id in open_round.answered:
                raise NotAllowed(ANSWERED_IN_ROUND)
            key = round_key(round_id, prompt_id)
            prompt = asked  # as the round asked it, even when the server's notes were rebuilt since
        else:
            prompt = notes.prompt(prompt_id)
        problem = notes.answer_problem(prompt, response)
        if problem is not None:
            raise UnusableAnswer(problem)
        result = notes.grade(prompt, response)
        kind = AnswerKind.REVIEW if open_round is not None and open_round.review else AnswerKind.QUIZ
        now = self.clock.now()
        member = MemberKey(who.guild_id, who.user_id)
        entry = AnswerEntry(who.guild_id, who.user_id, prompt.id, kind, result.correct, 0, now, key, request_id)
        step = ReviewStep(
            member,
            prompt.id,
            await self.exam_reviews.next_state(member, prompt, result.correct, now),
            points=lambda before: points_for(kind, result.correct, due=before is None or before.due <= now),
        )
        outcome = await self.repos.answers.record(entry, step, member_name=who.name)  # one transaction
        if not outcome.counted:
            raise NotAllowed(ANSWERED_IN_ROUND)
        if open_round is not None and prompt_id not in open_round.answered:
            open_round.answered[prompt_id] = outcome.correct
            open_round.points += outcome.points
        change = outcome.review
        set_aside = None if change is None else set_aside_passage(notes, prompt, change.before, change.after)
        return GradedAnswer(prompt, outcome.correct, result.expected, result.note, outcome.points, set_aside)

    async def study_again(self, who: Who, prompt_id: str) -> QuizItem:
        """Bring a prompt the member set aside as a leech back into their reviews (NotFound: not set aside)."""
        prompt = (await self.notes.bundle_for(who.guild_id)).prompt(prompt_id)
        if not await self.scheduler.study_again(MemberKey(who.guild_id, who.user_id), prompt_id):
            raise NotFound("That question is not set aside; it is already in your reviews.")
        return prompt

    def get(self, who: Who, round_id: str) -> QuizRound:
        """The member's open round; NotFound once it has ended (finished, forgotten, or lost in a restart)."""
        open_round = self.book.get(round_id, who.guild_id, who.user_id)
        if open_round is None:
            raise NotFound(ROUND_ENDED)
        return QuizRound(round_id, open_round.prompts, open_round.review)

    async def finish(self, who: Who, round_id: str) -> RoundSummary:
        open_round = self.book.get(round_id, who.guild_id, who.user_id)
        if open_round is None:
            raise NotFound(ROUND_ENDED)
        self.book.close(round_id)
        missed = tuple(p for p in open_round.prompts if open_round.answered.get(p.id) is False)
        return RoundSummary(
            answered=len(open_round.answered),
            correct=sum(open_round.answered.values()),
            points=open_round.points,
            streak=await self.boards.streak(who),
            missed=missed,
        )

    async def start_drill(self, who: Who, length: int | None = None) -> QuizRound:
        """A quiz round on the member's weak spots: recent misses, their weakest domains' items, their leeches;
        `length` questions, else DRILL_ROUND_LENGTH, at most MAX_ROUND_LENGTH."""
        await self.members.seen(who)
        picked = await self.readiness.drill(
            who, round_length(length, DRILL_ROUND_LENGTH), await self._suspended(who.guild_id)
        )
        round_id = self.book.open(who.guild_id, who.user_id, tuple(picked), False)
        return QuizRound(round_id, tuple(picked), False)


def set_aside_passage(
    notes: NotesBundle, prompt: QuizItem, before: ReviewState | None, after: ReviewState
) -> LeechPassage | None:
    """The passage to show instead of the card when this answer made `prompt` a leech, else None."""
    if not after.leech or (before is not None and before.leech):
        return None
    return LeechPassage(after.lapses, notes.prompt_passage(prompt))
