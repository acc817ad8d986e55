"""Reliability fixtures: a Tutor over the session's default index with its own database, and a small notes corpus."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio

from bot.clock import FrozenClock
from bot.knowledge.answering import Answerer
from bot.knowledge.embedder import Embedder
from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle
from bot.service.types import DailyQuiz, Who
from bot.settings import Settings
from bot.storage import Database
from bot.tutor import Tutor
from tests.conftest import build_notes, private_copy
from tests.storage.conftest import Target, target  # noqa: F401 - the fixture, for services over both databases

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
GUILD = 1001
OTHER_GUILD = 2002
ALICE = Who(GUILD, 11, "alice")
BOB = Who(GUILD, 22, "bob")
MANAGER = Who(GUILD, 99, "mod", is_manager=True)
POSTGRES_URL = os.environ.get("TUTORBOT_TEST_DATABASE_URL")


async def claim_today(tutor: Tutor) -> DailyQuiz:
    """Claim today's daily post of the one server whose daily quiz is on."""
    [server] = await tutor.due_daily_servers()
    daily = await tutor.claim_daily_post(server)
    assert daily is not None
    return daily


LAMBDA_NOTES = """# Lambda

AWS Lambda runs code without servers. The default timeout is 3 seconds and the maximum timeout is 900 seconds.

## Concurrency

Reserved concurrency guarantees a number of concurrent executions for one function.
Provisioned concurrency keeps environments initialised to avoid cold starts.
"""

QUEUE_NOTES = """# SQS

Amazon SQS keeps messages for 4 days by default; the retention period can be set from 60 seconds to 14 days.

## Visibility

The visibility timeout hides a received message from other consumers; the default is 30 seconds.
"""


@pytest.fixture(scope="session")
def pristine_small_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """A folder holding the small notes and their built index, built once; tests work on copies."""
    return build_notes(tmp_path_factory.mktemp("small"), {"lambda.md": LAMBDA_NOTES, "sqs.md": QUEUE_NOTES}, embedder)


@pytest.fixture
def built(tmp_path: Path, pristine_small_index: Path) -> Settings:
    """A private copy of the small notes with a good index."""
    return private_copy(pristine_small_index, tmp_path)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "tutorbot.db"


@pytest_asyncio.fixture(loop_scope="function")
async def tutor(
    default_settings: Settings,
    default_bundle: NotesBundle,
    db_path: Path,
) -> AsyncIterator[Tutor]:
    """A Tutor over the default notes (the session's bundle, built once) with a fresh SQLite file and a frozen
    clock."""
    settings = default_settings.changed(storage={"database_url": f"sqlite+aiosqlite:///{db_path}"})
    db = await Database.open(settings.database_url, busy_timeout_ms=100)
    service = Tutor(settings, NotesLibrary(default_bundle), db, FrozenClock(T0))
    yield service
    await service.close()


@pytest_asyncio.fixture(loop_scope="function")
async def tutor_on(
    default_settings: Settings,
    default_bundle: NotesBundle,
    target: Target,  # noqa: F811
) -> AsyncIterator[Tutor]:
    """The `tutor` fixture's service over each test database in turn: SQLite, then PostgreSQL when configured."""
    db = await target.open()
    settings = default_settings.changed(storage={"database_url": target.url})
    service = Tutor(settings, NotesLibrary(default_bundle), db, FrozenClock(T0))
    yield service
    await service.close()


@pytest.fixture(scope="session")
def shared_answerer(default_bundle: NotesBundle) -> Answerer:
    """The Answerer of the default notes' bundle, for the property tests (building one warms word lists)."""
    return default_bundle.answerer
