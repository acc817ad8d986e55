"""A full disk while writing the database: the member gets one clear line, nothing is half written, and the same
answer is stored once when space is back (SQLite and PostgreSQL; SQLite's own SQLITE_FULL error too)."""

from __future__ import annotations

import pytest

from bot.errors import StorageFull
from bot.storage.failures import DISK_FULL
from bot.tutor import Tutor
from tests.reliability.conftest import ALICE, GUILD
from tests.storage.faults import disk_full

pytestmark = pytest.mark.asyncio(loop_scope="function")


def kinds(tutor: Tutor) -> list[str]:
    return ["enospc", "sqlite"] if tutor.db.dialect == "sqlite" else ["enospc"]


async def test_a_full_disk_refuses_the_answer_with_one_line_and_loses_nothing(
    tutor_on: Tutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_ = await tutor_on.start_quiz(ALICE, length=2)
    question = round_.prompts[0]
    for kind in kinds(tutor_on):
        with disk_full(tutor_on.db, monkeypatch, kind) as refused, pytest.raises(StorageFull) as full:
            await tutor_on.answer(ALICE, question.id, question.answer, round_.round_id, "click-1")
        assert refused and str(full.value) == DISK_FULL and "\n" not in DISK_FULL
        assert await tutor_on.repos.standings.member_tallies(GUILD, None, None) == []  # nothing half written
    graded = await tutor_on.answer(ALICE, question.id, question.answer, round_.round_id, "click-1")
    assert graded.correct
    (tally,) = await tutor_on.repos.standings.member_tallies(GUILD, None, None)
    assert tally.answered == 1


async def test_a_full_disk_is_not_retried_like_a_busy_database(
    tutor_on: Tutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    with disk_full(tutor_on.db, monkeypatch) as refused, pytest.raises(StorageFull):
        await tutor_on.set_time_zone(ALICE, "Europe/Berlin")
    assert len(refused) == 1  # one attempt: waiting does not free a disk
