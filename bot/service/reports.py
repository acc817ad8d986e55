"""Reported quiz questions: why a member may report one (in the words every front end shows), and the reports
that suspend a question in a server (`bot.storage.reports.suspends`, the one rule)."""

from __future__ import annotations

from bot.clock import Clock
from bot.errors import NotFound
from bot.quiz.report_reason import ReportReason
from bot.service.library import NotesLibrary
from bot.service.members import Members
from bot.service.permissions import ensure_manager
from bot.service.types import ReportedItem, ReportOutcome, Who
from bot.storage import Repositories
from bot.storage.models import PROMPT_ID_LENGTH
from bot.storage.reports import suspends

REPORT_REASONS = {
    ReportReason.WRONG: "The answer is wrong",
    ReportReason.AMBIGUOUS: "Ambiguous: several answers fit",
    ReportReason.NOT_IN_NOTES: "Not in the notes",
}


class Reports:
    """Members report questions; a manager's report, or `needed` members', suspends one in the server."""

    def __init__(self, repos: Repositories, members: Members, notes: NotesLibrary, clock: Clock, needed: int) -> None:
        self.repos = repos
        self.members = members
        self.notes = notes
        self.clock = clock
        self.needed = needed

    async def suspended(self, guild_id: int) -> set[str]:
        """Ids of the questions suspended in the server (one query): never picked for its quiz rounds, reviews,
        mocks or daily quiz."""
        return await self.repos.reports.suspended(guild_id, self.needed)

    async def report(self, who: Who, prompt_id: str, reason: str) -> ReportOutcome:
        """The member reports a question (`reason`: a ReportReason's value, as front ends send it, else NotFound);
        once per member and question."""
        if reason not in {r.value for r in ReportReason}:
            raise NotFound(f"Unknown reason; pick one of: {', '.join(REPORT_REASONS.values())}.")
        await self.members.seen(who)
        new = await self.repos.reports.add(
            who.guild_id,
            prompt_id[:PROMPT_ID_LENGTH],
            who.user_id,
            ReportReason(reason),
            by_manager=who.is_manager,
            at=self.clock.now(),
        )
        return ReportOutcome(new, prompt_id in await self.suspended(who.guild_id))

    async def reported(self, who: Who) -> list[ReportedItem]:
        """The server's reported questions, most reported first; only managers may look (NotAllowed)."""
        ensure_manager(who)
        reported = await self.repos.reports.reported(who.guild_id)
        prompts = (await self.notes.bundle_for(who.guild_id)).prompts
        return [
            ReportedItem(
                q.prompt_id,
                prompts.get(q.prompt_id),
                q.reporters,
                q.by_manager,
                dict(q.reasons),
                suspends(q, self.needed),
            )
            for q in reported
        ]

    async def restore(self, who: Who, prompt_id: str) -> None:
        """A manager clears a question's reports: it is back in the server's quizzes (NotFound: none stood)."""
        ensure_manager(who)
        if not await self.repos.reports.restore(who.guild_id, prompt_id):
            raise NotFound("That question has no reports in this server (restored already?).")
