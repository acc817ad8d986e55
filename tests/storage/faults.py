"""Storage faults injected into a live Database: a COMMIT that went through but whose acknowledgement was lost."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from bot.storage import Database


@contextmanager
def commit_ack_lost(
    db: Database, monkeypatch: pytest.MonkeyPatch, table: str = "answers", times: int = 1
) -> Iterator[list[str]]:
    """The next `times` COMMITs of transactions that inserted into `table` are carried out, then the connection
    drops before the client hears so (as when a network path to PostgreSQL fails at that moment).

    Yields the list of lost acknowledgements (so a test can check the fault fired).
    """
    engine = db._engine.sync_engine  # the fault sits exactly where the driver commits
    dialect = engine.dialect
    real_commit = dialect.do_commit
    writing: set[int] = set()
    lost: list[str] = []

    def watch(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()} "):
            writing.add(id(connection.connection))

    def do_commit(dbapi_connection: Any) -> None:
        real_commit(dbapi_connection)
        if id(dbapi_connection) in writing and len(lost) < times:
            writing.discard(id(dbapi_connection))
            lost.append(table)
            raise ConnectionResetError("connection lost before the COMMIT was acknowledged")
        writing.discard(id(dbapi_connection))

    event.listen(engine, "before_cursor_execute", watch)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(dialect, "do_commit", do_commit)
            yield lost
    finally:
        event.remove(engine, "before_cursor_execute", watch)
