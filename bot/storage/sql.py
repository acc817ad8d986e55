"""Dialect-aware statement helpers shared by the repositories."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, ColumnExpressionArgument, Executable, Row, case, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase

R = TypeVar("R")


def dialect_insert(session: AsyncSession, model: type[DeclarativeBase]) -> Any:
    """An INSERT supporting ON CONFLICT for the session's backend (SQLite and PostgreSQL spell it alike)."""
    return _backend(session).insert(model)


async def insert_or_nothing(
    session: AsyncSession, model: type[DeclarativeBase], values: dict[str, Any]
) -> Row[Any] | None:
    """Insert one row unless it conflicts with an existing one: the new row's primary key, or None.

    Safe across processes: the database's unique constraints decide, not a prior read.
    """
    statement = dialect_insert(session, model).values(**values).on_conflict_do_nothing()
    result = await session.execute(statement.returning(*model.__table__.primary_key))
    return result.first()


async def upsert(
    session: AsyncSession, model: type[DeclarativeBase], keys: tuple[str, ...], values: dict[str, Any]
) -> None:
    """Insert one row, or update its non-key columns when a row with the same `keys` exists."""
    await upsert_many(session, model, keys, [values])


async def upsert_many(
    session: AsyncSession, model: type[DeclarativeBase], keys: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    """`upsert` of many rows (all with the same columns) in one executemany; no two rows may share their `keys`.

    Rows are written in the order given: callers pass them in their lock order.
    """
    if not rows:
        return
    statement = table_insert(session, model)
    changes = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    await session.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=changes), rows)


def table_insert(session: AsyncSession, model: type[DeclarativeBase]) -> Any:
    """`dialect_insert` of the model's table (Core): executemany with it skips the ORM's per-row bookkeeping."""
    return _backend(session).insert(model.__table__)


def _backend(session: AsyncSession) -> Any:
    return postgresql if session.get_bind().dialect.name == "postgresql" else sqlite


def count_true(flag: ColumnExpressionArgument[bool]) -> ColumnElement[int]:
    """How many rows have `flag` true (0 over no rows)."""
    return func.coalesce(func.sum(case((flag, 1), else_=0)), 0)


async def affected(session: AsyncSession, statement: Executable) -> bool:
    """Run an UPDATE/DELETE ... RETURNING; True when it touched a row."""
    return (await session.execute(statement)).first() is not None


def to_record(row: DeclarativeBase, record_type: type[R]) -> R:
    """The dataclass `record_type` filled from the row's attributes of the same names."""
    # `fields` wants a dataclass type, which a TypeVar bound to no dataclass protocol cannot say
    return record_type(**{field.name: getattr(row, field.name) for field in fields(record_type)})  # type: ignore[arg-type]
