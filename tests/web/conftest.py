"""Web leaderboard fixtures: the storage tests' databases (SQLite, and PostgreSQL when configured)."""

from tests.storage.conftest import database, repos, target  # noqa: F401 - fixtures
