"""Each server's uploaded notes files, kept whole, and the state of its notes library (revision, build served).

Every change to a server's files or to whether the default notes are included raises its `revision`; a build
records the revision it was made from, and a build of an older revision never replaces the one recorded
(`record_build`), so builds finishing out of order never step back; nor does a build's first stage (searchable,
quiz items still being made) replace the complete build of the same revision. Other processes poll `library` (one
primary-key read) to learn that a server has a new build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import ServerNotesRow, UploadedNoteRow
from bot.storage.sql import dialect_insert, to_record, upsert


@dataclass(frozen=True)
class NewNote:
    """A file to keep: its clean name, its bytes as uploaded, and its page count when it is a PDF."""

    name: str
    content: bytes
    pages: int | None = None


@dataclass(frozen=True)
class StoredNote:
    """A kept file without its bytes (for lists)."""

    name: str
    size: int
    sha256: str
    pages: int | None
    passages: int | None
    uploaded_by: int
    uploaded_at: datetime


@dataclass(frozen=True)
class ServerLibrary:
    """A server's notes library: default notes included, the files' revision, the build served, its revision, when
    it was recorded and whether it is complete (False: its first stage, quiz items still being made), and the
    revision whose build last failed and when (UTC)."""

    guild_id: int
    include_default: bool = True
    revision: int = 0
    build_id: str | None = None
    built_revision: int | None = None
    built_at: datetime | None = None
    build_complete: bool = True
    failed_revision: int | None = None
    failed_at: datetime | None = None

    @property
    def up_to_date(self) -> bool:
        return self.built_revision == self.revision

    @property
    def build_failed(self) -> bool:
        """Whether the build of the latest files failed (no later change has started another)."""
        return not self.up_to_date and self.failed_revision == self.revision

    @property
    def completion_failed(self) -> bool:
        """Whether the latest files are searchable (a first stage) but making their quiz items failed."""
        return self.up_to_date and not self.build_complete and self.failed_revision == self.revision


RoomCheck = Callable[[Mapping[str, int]], None]  # stored sizes by name -> raises to refuse the change


class NotesRepository(Repository):
    async def files(self, guild_id: int) -> list[StoredNote]:
        """The server's files by name, without their bytes."""
        columns = [getattr(UploadedNoteRow, name) for name in StoredNote.__dataclass_fields__]

        async def work(session: AsyncSession) -> list[StoredNote]:
            rows = await session.execute(
                select(*columns).where(UploadedNoteRow.guild_id == guild_id).order_by(UploadedNoteRow.name)
            )
            return [StoredNote(*row) for row in rows]

        return await self._db.run(work)

    async def contents(self, guild_id: int) -> dict[str, bytes]:
        """Every file of the server as uploaded, by name."""
        return (await self.snapshot(guild_id))[1]

    async def snapshot(self, guild_id: int) -> tuple[ServerLibrary, dict[str, bytes]]:
        """The server's library state and every file as uploaded, by name, read together (what a build reads)."""

        async def work(session: AsyncSession) -> tuple[ServerLibrary, dict[str, bytes]]:
            row = await session.get(ServerNotesRow, guild_id)
            rows = await session.execute(
                select(UploadedNoteRow.name, UploadedNoteRow.content).where(UploadedNoteRow.guild_id == guild_id)
            )
            library = to_record(row, ServerLibrary) if row is not None else ServerLibrary(guild_id)
            return library, {name: content for name, content in rows}

        return await self._db.run(work)

    async def content(self, guild_id: int, name: str) -> bytes | None:
        """One file as uploaded, or None when the server has no file of that name."""

        async def work(session: AsyncSession) -> bytes | None:
            return await session.scalar(
                select(UploadedNoteRow.content).where(
                    UploadedNoteRow.guild_id == guild_id, UploadedNoteRow.name == name
                )
            )

        return await self._db.run(work)

    async def add(
        self, guild_id: int, notes: Sequence[NewNote], by: int, at: datetime, room: RoomCheck | None = None
    ) -> int:
        """Keep `notes` (a file of a kept name replaces it) in one transaction; the new revision.

        `room` is called in the transaction with the sizes the server would then keep, by name, and refuses the
        whole change by raising (nothing is written), so two uploads at once cannot pass a limit together.
        """

        async def work(session: AsyncSession) -> int:
            library = await _locked_library(session, guild_id)
            if room is not None:
                sizes = await session.execute(
                    select(UploadedNoteRow.name, UploadedNoteRow.size).where(UploadedNoteRow.guild_id == guild_id)
                )
                stored = {name: size for name, size in sizes}
                room({**stored, **{note.name: len(note.content) for note in notes}})
            for note in notes:
                values = {
                    "guild_id": guild_id,
                    "name": note.name,
                    "size": len(note.content),
                    "sha256": hashlib.sha256(note.content).hexdigest(),
                    "content": note.content,
                    "pages": note.pages,
                    "passages": None,
                    "uploaded_by": by,
                    "uploaded_at": at,
                }
                await upsert(session, UploadedNoteRow, ("guild_id", "name"), values)
            return await _raise_revision(session, library)

        return await self._db.run(work)

    async def remove(self, guild_id: int, name: str) -> int | None:
        """Forget the server's file `name`; the new revision, or None when it had no such file."""

        async def work(session: AsyncSession) -> int | None:
            library = await _locked_library(session, guild_id)
            gone = await session.execute(
                delete(UploadedNoteRow)
                .where(UploadedNoteRow.guild_id == guild_id, UploadedNoteRow.name == name)
                .returning(UploadedNoteRow.name)
            )
            if gone.first() is None:
                return None
            return await _raise_revision(session, library)

        return await self._db.run(work)

    async def include_default(self, guild_id: int, include: bool) -> int | None:
        """Whether the default notes are in the server's library; the new revision, or None when unchanged."""

        async def work(session: AsyncSession) -> int | None:
            library = await _locked_library(session, guild_id)
            if library.include_default == include:
                return None
            await session.execute(
                update(ServerNotesRow).where(ServerNotesRow.guild_id == guild_id).values(include_default=include)
            )
            return await _raise_revision(session, library)

        return await self._db.run(work)

    async def library(self, guild_id: int) -> ServerLibrary:
        """The server's library state (the defaults for a server that never changed it)."""

        async def work(session: AsyncSession) -> ServerLibrary:
            row = await session.get(ServerNotesRow, guild_id)
            return to_record(row, ServerLibrary) if row is not None else ServerLibrary(guild_id)

        return await self._db.run(work)

    async def record_build(
        self,
        guild_id: int,
        revision: int,
        build_id: str | None,
        passages: Mapping[str, int],
        at: datetime,
        complete: bool = True,
    ) -> bool:
        """Make `build_id` (built from `revision`; None: the default notes alone) the server's build, with each
        file's passage count, unless a build of a later revision is recorded already (a build of the same revision
        replaces it: the same files built again where the build was missing), or, for a first stage
        (`complete` False), a complete build of the same revision; True when recorded."""

        async def work(session: AsyncSession) -> bool:
            library = await _locked_library(session, guild_id)
            if library.built_revision is not None and library.built_revision > revision:
                return False
            if not complete and library.built_revision == revision and library.build_complete:
                return False
            await session.execute(
                update(ServerNotesRow)
                .where(ServerNotesRow.guild_id == guild_id)
                .values(
                    build_id=build_id,
                    built_revision=revision,
                    built_at=at,
                    build_complete=complete,
                    failed_revision=None,  # a build of it exists now: an earlier failure is history
                    failed_at=None,
                )
            )
            for name, count in passages.items():
                await session.execute(
                    update(UploadedNoteRow)
                    .where(UploadedNoteRow.guild_id == guild_id, UploadedNoteRow.name == name)
                    .values(passages=count)
                )
            return True

        return await self._db.run(work)

    async def record_failure(self, guild_id: int, revision: int, at: datetime) -> None:
        """Note that the build of `revision` failed at `at` (UTC); `ServerLibrary.build_failed` (no build of it)
        or `completion_failed` (its first stage only) says so until a later change raises the revision or a build
        of it is recorded."""

        async def work(session: AsyncSession) -> None:
            await _locked_library(session, guild_id)
            await session.execute(
                update(ServerNotesRow)
                .where(ServerNotesRow.guild_id == guild_id)
                .values(failed_revision=revision, failed_at=at)
            )

        await self._db.run(work)


async def _locked_library(session: AsyncSession, guild_id: int) -> ServerLibrary:
    """The server's library row, made when missing and locked for the transaction (PostgreSQL: FOR UPDATE), so
    changes to one server's notes take turns across processes."""
    await session.execute(dialect_insert(session, ServerNotesRow).values(guild_id=guild_id).on_conflict_do_nothing())
    row = (
        await session.execute(select(ServerNotesRow).where(ServerNotesRow.guild_id == guild_id).with_for_update())
    ).scalar_one()
    return to_record(row, ServerLibrary)


async def _raise_revision(session: AsyncSession, library: ServerLibrary) -> int:
    revision = library.revision + 1
    await session.execute(
        update(ServerNotesRow).where(ServerNotesRow.guild_id == library.guild_id).values(revision=revision)
    )
    return revision
