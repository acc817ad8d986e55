"""Reports of quiz questions: one per member and question, suspension by a manager or enough members, restore."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.quiz.report_reason import ReportReason
from bot.storage import Repositories
from bot.storage.models import QuestionReportRow
from bot.storage.reports import suspends
from tests.storage.conftest import T0

pytestmark = pytest.mark.asyncio(loop_scope="function")
GUILD, OTHER = 1, 2


async def test_one_report_per_member_and_question(repos: Repositories) -> None:
    reports = repos.reports
    assert await reports.add(GUILD, "p", 5, "wrong", by_manager=False, at=T0)
    assert not await reports.add(GUILD, "p", 5, "ambiguous", by_manager=False, at=T0 + timedelta(minutes=1))
    assert await reports.add(OTHER, "p", 5, "wrong", by_manager=False, at=T0)  # another server: its own report
    [question] = await reports.reported(GUILD)
    assert (question.prompt_id, question.reporters, question.by_manager) == ("p", 1, False)
    assert question.reasons == {"wrong": 1} and question.first_reported == T0
    assert [type(reason) for reason in question.reasons] == [ReportReason]  # read back as the enum's member
    with pytest.raises(ValueError):
        await reports.add(GUILD, "p", 6, "boring", by_manager=False, at=T0)


async def test_enough_members_or_one_manager_suspend_a_question_in_their_server_only(repos: Repositories) -> None:
    reports = repos.reports
    for user, reason in ((5, "wrong"), (6, "ambiguous")):
        await reports.add(GUILD, "p", user, reason, by_manager=False, at=T0)
    assert await reports.suspended(GUILD, members_needed=3) == set()
    await reports.add(GUILD, "p", 7, "wrong", by_manager=False, at=T0 + timedelta(hours=1))
    await reports.add(GUILD, "q", 9, "not_in_notes", by_manager=True, at=T0)
    assert await reports.suspended(GUILD, members_needed=3) == {"p", "q"}
    assert await reports.suspended(OTHER, members_needed=3) == set()
    listed = await reports.reported(GUILD)
    assert [(q.prompt_id, q.reporters, dict(q.reasons)) for q in listed] == [
        ("p", 3, {"wrong": 2, "ambiguous": 1}),
        ("q", 1, {"not_in_notes": 1}),
    ]
    assert [suspends(q, 3) for q in listed] == [True, True] and [suspends(q, 4) for q in listed] == [False, True]


async def test_restoring_clears_the_reports_of_that_question_in_that_server(repos: Repositories) -> None:
    reports = repos.reports
    await reports.add(GUILD, "q", 9, "wrong", by_manager=True, at=T0)
    await reports.add(OTHER, "q", 9, "wrong", by_manager=True, at=T0)
    assert await reports.restore(GUILD, "q")
    assert not await reports.restore(GUILD, "q")
    assert await reports.suspended(GUILD, 3) == set() and await reports.suspended(OTHER, 3) == {"q"}
    assert await reports.add(GUILD, "q", 9, "wrong", by_manager=False, at=T0)  # may be reported afresh


async def test_the_stored_reasons_and_their_constraint_are_the_enum_values_migration_0010_wrote() -> None:
    [check] = [c for c in QuestionReportRow.__table__.constraints if c.name == "ck_question_reports_reason"]
    assert str(check.sqltext) == "reason IN ('wrong', 'ambiguous', 'not_in_notes')"
