"""Recognise database failures that mean "unavailable right now" and turn them into StorageUnavailable; a full disk
becomes StorageFull at once (retrying cannot free space)."""

from __future__ import annotations

import asyncio
import errno
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from bot.errors import StorageFull, StorageUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")

_SQLITE_BUSY_MESSAGES = (
    "database is locked",
    "database is busy",
    "database table is locked",
    "unable to open database",
)
# Transient PostgreSQL SQLSTATEs: serialization failure, deadlock, shutdown, too many connections.
_TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "57P01", "57P02", "57P03", "53300"})
_CONNECTION_SQLSTATE_CLASS = "08"
RETRY_DELAYS_SECONDS = (0.05, 0.2)
_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
_DISK_FULL_SQLSTATE = "53100"  # PostgreSQL disk_full
_SQLITE_FULL_MESSAGE = "database or disk is full"  # SQLITE_FULL
DISK_FULL = "The disk is full, so that was not saved (nothing was recorded); please tell the bot's operator."


def is_disk_full(exc: BaseException) -> bool:
    """Whether `exc` (an OSError, or a database error, whatever wraps it) means the disk or quota is full."""
    for cause in _causes(exc):
        if isinstance(cause, OSError) and cause.errno in _DISK_FULL_ERRNOS:
            return True
        if getattr(cause, "sqlstate", None) == _DISK_FULL_SQLSTATE:
            return True
        if _SQLITE_FULL_MESSAGE in str(cause).lower():
            return True
    return False


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, the DBAPI error a SQLAlchemy error wraps, and the chain of causes (each once)."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [getattr(current, "orig", None), current.__cause__, current.__context__]


def is_unavailable(exc: BaseException) -> bool:
    """Whether `exc` is a locked, busy, unreachable or vanished database rather than a bug or bad data (a full
    disk is not: it does not pass by waiting)."""
    if is_disk_full(exc):
        return False
    if isinstance(exc, OSError | TimeoutError):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated or isinstance(exc.orig, OSError | TimeoutError):
        return True
    sqlstate = getattr(exc.orig, "sqlstate", None) or ""
    if sqlstate in _TRANSIENT_SQLSTATES or sqlstate.startswith(_CONNECTION_SQLSTATE_CLASS):
        return True
    message = str(exc.orig).lower()
    return any(text in message for text in _SQLITE_BUSY_MESSAGES)


def full_disk(exc: BaseException) -> StorageFull:
    """The friendly error for a full disk (the cause is logged once, for the operator)."""
    log.error("A database write failed: the disk is full (%s: %s)", type(exc).__name__, exc)
    return StorageFull(DISK_FULL)


def unavailable(exc: BaseException) -> StorageUnavailable:
    """The friendly error for an unavailable database."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StorageUnavailable("The database is busy (locked by another process); please try again shortly.")
    return StorageUnavailable("The database cannot be reached right now; please try again shortly.")


@contextmanager
def storage_errors() -> Iterator[None]:
    """Re-raise an unavailable-database failure inside the block as StorageUnavailable (StorageFull for a full
    disk)."""
    try:
        yield
    except Exception as exc:
        if is_disk_full(exc):
            raise full_disk(exc) from exc
        if is_unavailable(exc):
            raise unavailable(exc) from exc
        raise


async def with_retries(attempt: Callable[[], Awaitable[T]], delays: tuple[float, ...] = RETRY_DELAYS_SECONDS) -> T:
    """Run `attempt` (a whole repeatable unit, e.g. a transaction); retry while the database is down."""
    for delay in delays:
        try:
            return await attempt()
        except Exception as exc:
            if is_disk_full(exc):
                raise full_disk(exc) from exc
            if not is_unavailable(exc):
                raise
            log.info("database unavailable (%s); retrying in %.2fs", type(exc).__name__, delay)
        await asyncio.sleep(delay)
    with storage_errors():
        return await attempt()
