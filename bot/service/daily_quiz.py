"""The daily quiz service: each server's day, claimed step by step across processes, and members' answers.

Each server's day has two steps, each claimed just before it is done (a lease, free again if the claimer vanishes)
and retried with back-off when Discord refuses it: send the post (`claim_post`, then `sent`), then send the reveal
(`claim_reveal`, then `revealed`). `step_failed` records a failed attempt; after the last one the day is given up
and the problem recorded, to be told to the managers once (`problems_to_tell`, then `problem_told`). The rules
(when a post is due, which item it asks, leases and back-off) are in `service/daily.py`.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Collection, Sequence
from datetime import date

from bot.clock import Clock
from bot.errors import NotAllowed, NotFound, UnusableAnswer
from bot.progress.points import AnswerKind, points_for
from bot.quiz.grading import TOO_LONG, too_long
from bot.quiz.item import QuizItem
from bot.service.daily import (
    CLAIM_LEASE,
    DAILY_GONE,
    TOPIC_MEMORY,
    PostedItems,
    daily_prompt,
    local_post_date,
    posted_topic,
    prompt_from_snapshot,
    prompt_snapshot,
    retry_delay,
    reveal_time,
)
from bot.service.daily_answers import DailyAnswerWriter, PostAnswer
from bot.service.exams import Exams
from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle
from bot.service.quiz_rounds import set_aside_passage
from bot.service.types import DailyQuiz, DailyReveal, GradedAnswer, Who
from bot.storage import DailyHistory, DailyPost, DailyProblem, GuildSettings, Repositories
from bot.storage.daily_answers import DailyAnswer


class DailyQuizzes:
    """The daily quiz of every server: due posts and reveals, claims, failed steps and problems, answers."""

    def __init__(
        self,
        repos: Repositories,
        clock: Clock,
        notes: NotesLibrary,
        exams: Exams,
        answers: DailyAnswerWriter,
        suspended: Callable[[int], Awaitable[set[str]]],
    ) -> None:
        """`suspended(guild_id)`: the ids of the items suspended in a server (never posted there)."""
        self.repos = repos
        self.clock = clock
        self.notes = notes
        self.exams = exams
        self.daily_answers = answers
        self._suspended = suspended
        self.posted_items = PostedItems()

    async def due_servers(self, guild_ids: Collection[int] | None = None) -> list[GuildSettings]:
        """The servers (among `guild_ids`) whose daily post is due today and not yet sent or given up."""
        now = self.clock.now()
        servers = [s for s in await self.repos.settings.enabled() if guild_ids is None or s.guild_id in guild_ids]
        due = [(s, day) for s in servers if s.daily_channel_id is not None and (day := local_post_date(s, now))]
        if not due:
            return []
        settled = await self.repos.daily.settled(min(day for _, day in due))
        return [server for server, day in due if (server.guild_id, day) not in settled]

    async def claim_post(self, server: GuildSettings) -> DailyQuiz | None:
        """Claim sending today's post of the server (None: not due, already sent or claimed, or given up, or every
        question suspended there).

        The prompt is picked (`daily_prompt`) among the questions not suspended in the server and kept with the
        post. `retaken` says an earlier claim lapsed without recording its message: look for it before sending again.
        """
        now = self.clock.now()
        day = local_post_date(server, now)
        notes = await self.notes.bundle_for(server.guild_id)
        if day is None or server.daily_channel_id is None or not notes.prompts:
            return None
        suspended = await self._suspended(server.guild_id)
        pool = [p for p in notes.prompts.values() if p.id not in suspended]
        if not pool:
            return None
        countdowns = tuple(await self.exams.countdowns(server.guild_id, day))  # read before the claim is taken
        claimed = await self.repos.daily.claim(
            server.guild_id,
            day,
            lambda history: _daily_pick(notes, pool, server.guild_id, day, history),
            server.daily_channel_id,
            reveal_time(server, now),
            now,
            now + CLAIM_LEASE,
            latest=TOPIC_MEMORY,
        )
        if claimed is None:
            return None
        post, retaken = claimed
        return DailyQuiz(post, _posted_prompt(notes, post), retaken, countdowns)

    async def sent(self, post: DailyPost, message_id: int) -> None:
        """Record the message that carries the post (safe to repeat); the server's daily problem is over."""
        await self.repos.daily.set_message_id(post.id, message_id)
        await self.repos.daily_problems.clear(post.guild_id)

    async def step_failed(self, post: DailyPost, problem: str) -> None:
        """Discord refused a step (post or reveal): back off, or give the day up after the last attempt.

        A day given up records the server's problem first (so a crash in between cannot give the day up untold);
        a problem not recorded before is then among `problems_to_tell`.
        """
        now = self.clock.now()
        failures = post.attempts + 1
        delay = retry_delay(failures)
        if delay is not None:
            await self.repos.daily.retry_later(post.id, failures, now + delay)
            return
        await self.repos.daily_problems.report(post.guild_id, post.channel_id, problem, now)
        await self.repos.daily.give_up(post.id, problem)

    async def problems_to_tell(self, guild_ids: Collection[int] | None = None) -> list[DailyProblem]:
        """The daily-quiz problems (of `guild_ids`) the managers have not been told yet; tell each, then call
        `problem_told`. A message that could not be sent is simply offered again."""
        return await self.repos.daily_problems.untold(guild_ids)

    async def problem_told(self, problem: DailyProblem) -> None:
        await self.repos.daily_problems.told(problem, self.clock.now())

    async def problem(self, guild_id: int) -> DailyProblem | None:
        """The server's current daily-quiz problem, if any (shown in /config)."""
        return await self.repos.daily_problems.get(guild_id)

    async def quiz(self, post_id: int) -> DailyQuiz:
        post = await self.repos.daily.get(post_id)
        if post is None:
            raise NotFound(DAILY_GONE)
        return DailyQuiz(post, _posted_prompt(await self.notes.bundle_for(post.guild_id), post))

    async def answer(self, who: Who, post_id: int, response: str, request_id: str | None = None) -> GradedAnswer:
        """Grade a member's one answer to a daily quiz; a second answer or a closed quiz is refused.

        A retry with the same `request_id` (a fresh one when None) gets the verdict the first attempt stored.
        One transaction records the member, the answer with its credit and their new review state, shared with the
        answers arriving meanwhile (`service/daily_answers.py`: group commit); the post itself is read once per
        process (`PostedItems`).
        """
        guild_id, prompt = await self.posted_items.read(post_id, lambda: self._posted(post_id))
        if guild_id != who.guild_id:
            raise NotAllowed("That daily quiz belongs to another server.")
        if too_long(prompt, response):
            raise UnusableAnswer(TOO_LONG)
        notes = await self.notes.bundle_for(who.guild_id)
        result = notes.grade(prompt, response)
        answer = DailyAnswer(
            who.user_id,
            choice=response,
            correct=result.correct,
            points=points_for(AnswerKind.DAILY, result.correct),
            answered_at=self.clock.now(),
            request_id=request_id or uuid.uuid4().hex,
            member_name=who.name,
        )
        outcome = await self.daily_answers.record(PostAnswer(guild_id, post_id, prompt, answer))
        if not outcome.counted:
            raise NotAllowed("You already answered today's quiz; one answer each.")
        change = outcome.review
        set_aside = None if change is None else set_aside_passage(notes, prompt, change.before, change.after)
        return GradedAnswer(prompt, outcome.correct, result.expected, result.note, outcome.points, set_aside)

    async def _posted(self, post_id: int) -> tuple[int, QuizItem]:
        daily = await self.quiz(post_id)
        return daily.post.guild_id, daily.prompt

    async def due_reveals(self, guild_ids: Collection[int] | None = None) -> list[DailyPost]:
        """Sent posts (of `guild_ids`) whose reveal time has come and whose reveal nobody holds, oldest first."""
        return await self.repos.daily.due_for_reveal(self.clock.now(), guild_ids)

    async def claim_reveal(self, post: DailyPost) -> DailyReveal | None:
        """Claim revealing the post (None: another caller holds it). Then send it and call `revealed`.

        `retaken` says an earlier claim ended without recording the reveal (lapsed, or failed after sending, e.g.
        when the database dropped before `revealed`): its reveal may have been sent, so look for it first.
        """
        now = self.clock.now()
        if not await self.repos.daily.claim_reveal(post.id, now, now + CLAIM_LEASE):
            return None
        results = await self.repos.daily.results(post.id)
        retaken = post.retry_at is not None
        return DailyReveal(post, _posted_prompt(await self.notes.bundle_for(post.guild_id), post), results, retaken)

    async def revealed(self, post_id: int) -> None:
        """The reveal was sent: the post is closed to answers (safe to repeat)."""
        await self.repos.daily.mark_revealed(post_id)


def _posted_prompt(notes: NotesBundle, post: DailyPost) -> QuizItem:
    """The prompt as it was posted (posts claimed before prompts were kept: the server's current notes')."""
    return prompt_from_snapshot(post.prompt_json) if post.prompt_json else notes.prompt(post.prompt_id)


def _daily_pick(
    notes: NotesBundle, pool: Sequence[QuizItem], guild_id: int, day: date, history: DailyHistory
) -> tuple[str, str]:
    """The day's prompt of the server among `pool` (id, snapshot) from what its stored posts asked before
    (`daily_prompt`)."""
    topics = [topic for post in history.latest if (topic := posted_topic(post, notes.prompts)) is not None]
    prompt = daily_prompt(pool, guild_id, day, history.last_asked, topics)
    return prompt.id, prompt_snapshot(prompt)
