"""Members' reports of quiz questions, per server, and which questions they suspend there.

A question is suspended in a server while a manager's report of it stands, or reports by at least
`members_needed` distinct members (`suspends`); a manager restoring it deletes its reports. Each member reports a
question once: a second report is a no-op.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.quiz.report_reason import ReportReason
from bot.storage.database import Repository
from bot.storage.models import QuestionReportRow
from bot.storage.sql import affected, count_true, insert_or_nothing


@dataclass(frozen=True)
class ReportedQuestion:
    """A question's standing reports in one server: how many members, whether a manager, and why."""

    prompt_id: str
    reporters: int
    by_manager: bool
    first_reported: datetime
    reasons: Counter[ReportReason] = field(default_factory=Counter)


def suspends(question: ReportedQuestion, members_needed: int) -> bool:
    """The one rule: a manager's report, or at least `members_needed` members' reports, suspend the question."""
    return question.by_manager or question.reporters >= members_needed


class ReportRepository(Repository):
    async def add(
        self, guild_id: int, prompt_id: str, user_id: int, reason: ReportReason, *, by_manager: bool, at: datetime
    ) -> bool:
        """Record the member's report (`reason` a ReportReason or its value, else ValueError); False when they had
        reported the question already (nothing changes)."""
        if reason not in {r.value for r in ReportReason}:
            raise ValueError(f"a report's reason must be one of {', '.join(ReportReason)}, not {reason!r}")
        values = {
            "guild_id": guild_id,
            "prompt_id": prompt_id,
            "user_id": user_id,
            "reason": reason,
            "by_manager": by_manager,
            "reported_at": at,
        }
        return await self._db.run(lambda s: insert_or_nothing(s, QuestionReportRow, values)) is not None

    async def reported(self, guild_id: int) -> list[ReportedQuestion]:
        """Every reported question of the server, most reporters first (then oldest first), in one query."""

        async def work(session: AsyncSession) -> list[ReportedQuestion]:
            query = (
                select(
                    QuestionReportRow.prompt_id,
                    QuestionReportRow.reason,
                    func.count(),
                    count_true(QuestionReportRow.by_manager),
                    func.min(QuestionReportRow.reported_at),
                )
                .where(QuestionReportRow.guild_id == guild_id)
                .group_by(QuestionReportRow.prompt_id, QuestionReportRow.reason)
            )
            return _by_question(list((await session.execute(query)).tuples()))

        questions = await self._db.run(work)
        return sorted(questions, key=lambda q: (-q.reporters, q.first_reported, q.prompt_id))

    async def suspended(self, guild_id: int, members_needed: int) -> set[str]:
        """Ids of the questions suspended in the server (`suspends`)."""
        return {q.prompt_id for q in await self.reported(guild_id) if suspends(q, members_needed)}

    async def restore(self, guild_id: int, prompt_id: str) -> bool:
        """Delete the question's reports in the server; False when it had none."""

        async def work(session: AsyncSession) -> bool:
            statement = delete(QuestionReportRow).where(
                QuestionReportRow.guild_id == guild_id, QuestionReportRow.prompt_id == prompt_id
            )
            return await affected(session, statement.returning(QuestionReportRow.prompt_id))

        return await self._db.run(work)


def _by_question(rows: Iterable[tuple[str, ReportReason, int, int, datetime]]) -> list[ReportedQuestion]:
    """Per question, from (prompt id, reason, reports, manager reports, first report) rows."""
    tallies: dict[str, ReportedQuestion] = {}
    for prompt_id, reason, count, managers, first in rows:
        known = tallies.get(prompt_id)
        reasons = Counter({reason: count}) + (known.reasons if known else Counter())
        tallies[prompt_id] = ReportedQuestion(
            prompt_id,
            count + (known.reporters if known else 0),
            bool(managers) or (known is not None and known.by_manager),
            min(first, known.first_reported) if known else first,
            reasons,
        )
    return list(tallies.values())
