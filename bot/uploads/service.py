"""Each server's own notes: upload, list, download, remove, include the default notes or not, and build.

The rules live here, the front ends (Discord, the command line) only ask: every file is read (off the event loop)
before anything is stored, refused files are reported one by one while the others are kept, the server's limits
are checked before any download and again inside the storing transaction, and every change is followed by a build
of the server's index; a server whose library has no files of its own is served the default notes.

A build is published in two stages when an earlier build can lend what is slow to make: the first (the new notes
searchable, with the learned models and unchanged files' quiz items of the server's previous build or of the
default notes, `bot.uploads.searchable`) is recorded and swapped in as soon as the passages are embedded, so the
first answer does not wait; the second (the complete build: quiz items and models made from these notes) follows in
the background and replaces it the same way. A first stage left alone (this process died between the stages) is
completed by whichever process serves the server once it is `completion_grace` old.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from bot.clock import Clock
from bot.errors import NotFound, Refusal, UploadRefused
from bot.indexing import index_store
from bot.knowledge.intake import UploadLimits, check_file_size, check_server_room, clean_name, kind_of
from bot.knowledge.intake.limits import MIB
from bot.service.permissions import ensure_manager
from bot.service.types import Who
from bot.settings import Settings, UploadSettings
from bot.storage.notes import NewNote, NotesRepository, ServerLibrary, StoredNote
from bot.uploads.builds import Builder, BuildJob, BuildResult, build_folder
from bot.uploads.retry import BuildRetry, Progress, build_with_retries
from bot.uploads.searchable import can_donate
from bot.wording import plural

log = logging.getLogger(__name__)

Built = Callable[[int], Awaitable[None]]  # told after a server's new build is recorded (guild id)

COMPLETION_GRACE = timedelta(minutes=5)  # a first stage this old with no second stage under way here is completed
NO_FILES_DEFAULT_OFF = (
    "This server has no notes of its own yet, so the default notes stay on: upload some with /notes add first."
)


def ensure_may_change_notes(who: Who) -> None:
    """NotAllowed unless the member may add, remove, switch and download the server's notes files (the Manage
    Server permission); listing them is open to every member."""
    ensure_manager(who, "change this server's notes")


@dataclass(frozen=True)
class ServerSource:
    """The build that serves a server's own notes: its id (changes with every build), folder, whether the
    default notes are in it (then their profile applies), and whether it is complete (False: its first stage,
    the quiz items of its new files still being made)."""

    build_id: str
    folder: Path
    include_default: bool
    complete: bool = True


@dataclass(frozen=True)
class AddOutcome:
    """What an upload did: the files kept (clean names), those refused (each with its reason), the build made."""

    added: list[str] = field(default_factory=list)
    refused: list[UploadRefused] = field(default_factory=list)
    build: BuildResult | None = None


@dataclass(frozen=True)
class Listing:
    """A server's notes library for `/notes list`: its files, whether the default notes are in it, whether the
    build served is of its latest files (False while a build runs or after one failed), when the build of the
    latest files failed (UTC; None unless it did: then the files stay kept and the previous build serves), and
    whether the quiz items are made (False while the build served is a first stage: answers come from the new
    files already, quiz items and models made from them follow)."""

    files: list[StoredNote]
    include_default: bool
    up_to_date: bool
    build_failed_at: datetime | None = None
    quiz_ready: bool = True
    quiz_failed_at: datetime | None = None  # when making the latest files' quiz items failed (searchable meanwhile)


QUIZ_PREPARING = (
    "Answers already come from the latest files; their quiz questions are still being made (usually a minute or "
    "two), and until then quizzes ask the questions of the files that did not change."
)


class ListingState(StrEnum):
    """What a listing says under its files, when anything (`listing_state`)."""

    BUILD_FAILED = "build_failed"
    BUILDING = "building"
    QUIZ_FAILED = "quiz_failed"
    QUIZ_PREPARING = "quiz_preparing"


def listing_state(
    listing: Listing, when: Callable[[datetime], str], add_command: str
) -> tuple[ListingState, str] | None:
    """The state of a listing's build and the sentence saying it; None when all is built.

    `when` formats a UTC time for the front end; `add_command` is its way to try again (e.g. "/notes add")."""
    if listing.build_failed_at is not None:
        return ListingState.BUILD_FAILED, (
            f"The last build of these notes failed ({when(listing.build_failed_at)}). The files are kept and the "
            f"notes built before keep serving; try {add_command} again, or ask whoever runs the bot to check its log."
        )
    if not listing.up_to_date:
        return ListingState.BUILDING, "The latest changes are still being built."
    if listing.quiz_failed_at is not None:
        return ListingState.QUIZ_FAILED, (
            f"Answers come from the latest files, but making their quiz questions failed "
            f"({when(listing.quiz_failed_at)}); quizzes ask the questions of the files that did not change. It is "
            f"tried once more after a few minutes; else try {add_command} again, or ask whoever runs the bot to "
            f"check its log."
        )
    if not listing.quiz_ready:
        return ListingState.QUIZ_PREPARING, QUIZ_PREPARING
    return None


async def _quiet(_line: str) -> None:
    return None


def upload_limits(settings: UploadSettings) -> UploadLimits:
    """The limits an operator set (TUTORBOT_UPLOAD_*, sizes in MiB); the finer ones keep their defaults."""
    return UploadLimits(
        file_bytes=settings.file_mib * MIB,
        pages=settings.pages,
        files_per_server=settings.files_per_server,
        server_bytes=settings.server_mib * MIB,
    )


class ServerNotes:
    """The service over one database and index folder; `builder` reads and builds off the event loop, a build whose
    process died is tried again as `retry` says."""

    def __init__(
        self,
        repo: NotesRepository,
        settings: Settings,
        builder: Builder,
        clock: Clock,
        limits: UploadLimits | None = None,
        retry: BuildRetry | None = None,
        completion_grace: timedelta = COMPLETION_GRACE,
    ) -> None:
        self._repo = repo
        self._retry = retry or BuildRetry()
        self._settings = settings
        self._builder = builder
        self._clock = clock
        self.limits = limits or upload_limits(settings.uploads)
        self._listeners: list[Built] = []
        self._repairs: dict[int, asyncio.Task[None]] = {}
        self._stand_ins: dict[int, tuple[str, BuildResult]] = {}  # recorded build id -> the one made here for it
        self._completions: dict[int, asyncio.Task[None]] = {}  # second stages under way here, by server
        self._completed: set[str] = set()  # first stages whose completion this process started (tried once here)
        self._completion_grace = completion_grace

    def on_built(self, listener: Built) -> None:
        """Call `listener(guild_id)` after each build this process records (e.g. to swap the server's bundle)."""
        self._listeners.append(listener)

    async def check_sizes(self, guild_id: int, sizes: Mapping[str, int]) -> None:
        """Before downloading anything: UploadRefused unless each file's kind and declared size (name -> bytes)
        are acceptable and the server has room for them all."""
        for name, size in sizes.items():
            kind_of(clean_name(name))
            check_file_size(clean_name(name), size, self.limits)
        stored = {f.name: f.size for f in await self._repo.files(guild_id)}
        check_server_room(stored, {clean_name(name): size for name, size in sizes.items()}, self.limits)

    async def add(
        self, guild_id: int, uploads: Sequence[tuple[str, bytes]], by: int, progress: Progress = _quiet
    ) -> AddOutcome:
        """Read each (name, bytes) file, keep those that read as notes, and build the server's index from them.

        Refused files are listed with their reasons and the others kept; UploadRefused (SERVER_FULL) refuses the
        whole upload when it would pass the server's limits. IndexBuildFailed when the build could not be made,
        a crashed build tried again first (the files stay kept; the next change builds again).
        """
        read: list[NewNote] = []
        refused: list[UploadRefused] = []
        for number, (name, data) in enumerate(uploads, start=1):
            of = f" ({number} of {len(uploads)})" if len(uploads) > 1 else ""
            await progress(f"Reading {clean_name_or(name)}{of}…")
            try:
                file = await self._builder.read(name, data, self.limits)
            except UploadRefused as refusal:
                refused.append(refusal)
                continue
            read.append(NewNote(file.name, data, file.pages))
        if not read:
            return AddOutcome(refused=refused)
        await self._repo.add(guild_id, read, by, self._clock.now(), self._room)
        await progress(f"Building this server's notes index with {plural(len(read), 'new file')}…")
        build = await self._build(guild_id, progress=progress)
        return AddOutcome([note.name for note in read], refused, build)

    def _room(self, sizes: Mapping[str, int]) -> None:
        check_server_room({}, sizes, self.limits)

    async def remove(self, guild_id: int, name: str) -> BuildResult | None:
        """Forget the server's file `name` and build without it (its passages and quiz items go; members' answers
        and reviews stay). NotFound when there is no such file. The new build, or None when the server is back
        to the default notes alone."""
        if await self._repo.remove(guild_id, name) is None:
            raise NotFound(f"This server has no notes file named {name}; /notes list shows its files.")
        return await self._build(guild_id)

    async def include_default(self, guild_id: int, include: bool) -> BuildResult | None:
        """Whether the default notes are in the server's library; rebuilds when that changed (the new build, or
        None when nothing changed). Turning them off with no files of the server's own is refused
        (UploadRefused NO_TEXT): a library is never empty."""
        if not include and not await self._repo.files(guild_id):
            raise UploadRefused(Refusal.NO_TEXT, NO_FILES_DEFAULT_OFF)
        if await self._repo.include_default(guild_id, include) is None:
            return None
        return await self._build(guild_id)

    async def listing(self, guild_id: int) -> Listing:
        library = await self._repo.library(guild_id)
        files = await self._repo.files(guild_id)
        failed_at = library.failed_at if library.build_failed and files else None
        quiz_ready = library.build_complete or not files
        quiz_failed_at = library.failed_at if library.completion_failed and files else None
        return Listing(
            files, library.include_default, library.up_to_date or not files, failed_at, quiz_ready, quiz_failed_at
        )

    async def download(self, guild_id: int, name: str) -> bytes:
        """The file as it was uploaded; NotFound when the server has no such file."""
        content = await self._repo.content(guild_id, name)
        if content is None:
            raise NotFound(f"This server has no notes file named {name}; /notes list shows its files.")
        return content

    async def source(self, guild_id: int) -> ServerSource | None:
        """The build serving the server's own notes, or None when the default notes serve it (no files of its own,
        no build recorded yet, or the recorded build is not on this machine yet).

        One primary-key read and a folder check: the notes library asks it every few seconds per active server.
        A recorded build missing here (another machine made it) is made again here from the stored files, without
        recording it (so machines never take turns replacing each other's builds), and serves from then on.
        """
        library = await self._repo.library(guild_id)
        if library.build_id is None:
            return None
        folder = build_folder(self._settings, library.build_id)
        if folder.is_dir():
            if not library.build_complete and self._left_alone(library):
                self._complete_later(guild_id, library.build_id)
            return ServerSource(library.build_id, folder, library.include_default, library.build_complete)
        stand_in = self._stand_ins.get(guild_id)
        if stand_in is not None and stand_in[0] == library.build_id and stand_in[1].folder.is_dir():
            return ServerSource(stand_in[1].build_id, stand_in[1].folder, library.include_default)
        self._make_stand_in(guild_id, library.build_id)
        return None

    async def ensure_source(self, guild_id: int) -> ServerSource | None:
        """`source`, waiting for a build when this machine has none (the command line, which can wait): the
        recorded build made again here, or a first build when none was ever recorded (a build that crashed); and
        for the second stage when one is under way here (so the build returned is complete)."""
        source = await self.source(guild_id)
        if source is None and guild_id in self._repairs:
            await self._repairs[guild_id]
        elif source is None and (await self._repo.library(guild_id)).revision > 0:
            await self.rebuild(guild_id)
        elif source is not None and guild_id not in self._completions:
            return source
        await self.settled(guild_id)
        return await self.source(guild_id)

    async def rebuild(self, guild_id: int) -> BuildResult | None:
        """Build the server's index from its stored files now and record it (its first stage, when staged; the
        second follows in the background)."""
        return await self._build(guild_id)

    async def settled(self, guild_id: int | None = None) -> None:
        """Wait for the second stages under way in this process (of one server, or of all); their failures are
        logged, not raised (the first stage keeps serving)."""
        tasks = list(self._completions.values()) if guild_id is None else [self._completions.get(guild_id)]
        await asyncio.gather(*(task for task in tasks if task is not None), return_exceptions=True)

    def close(self) -> None:
        """Stop the second stages under way here (their first stages serve; another process completes them)."""
        for task in self._completions.values():
            task.cancel()

    def _make_stand_in(self, guild_id: int, recorded: str) -> None:
        """Start one background build of the server's stored files, unless one is running in this process."""
        running = self._repairs.get(guild_id)
        if running is not None and not running.done():
            return
        log.info("building server %s's notes here: its build %s is not on this machine", guild_id, recorded)
        self._repairs[guild_id] = asyncio.create_task(self._stand_in(guild_id, recorded))

    async def _stand_in(self, guild_id: int, recorded: str) -> None:
        try:
            result = await self._build(guild_id, record=False)
        except Exception:
            log.exception("could not build server %s's notes", guild_id)
            return
        if result is not None:
            self._stand_ins[guild_id] = (recorded, result)
            await self._tell(guild_id)

    async def _build(self, guild_id: int, record: bool = True, progress: Progress = _quiet) -> BuildResult | None:
        """Build the server's files as they are now and record the build (unless a newer one was recorded): its
        first stage, with the second started in the background, when an earlier build can lend its models."""
        library, files = await self._repo.snapshot(guild_id)
        job = self._job(library, files)
        if not record:
            return await build_with_retries(self._builder, job, self._retry, progress) if files else None
        if not files:  # back to the default notes alone
            if await self._repo.record_build(guild_id, library.revision, None, {}, self._clock.now()):
                await self._tell(guild_id)
            return None
        donor = self._donor(library)
        try:
            result = await build_with_retries(self._builder, replace(job, reuse_from=donor), self._retry, progress)
        except Exception:
            await self._note_failure(guild_id, library.revision)
            raise
        await self._record(result)
        if not result.complete:
            self._start_completion(job)
        return result

    async def _record(self, result: BuildResult) -> None:
        recorded = await self._repo.record_build(
            result.guild_id, result.revision, result.build_id, result.passages, self._clock.now(), result.complete
        )
        if recorded:
            await self._tell(result.guild_id)

    def _donor(self, library: ServerLibrary) -> Path | None:
        """The build lending its models and quiz items to a first stage: the server's current build, else the
        default notes' (None, so no staging, when neither is here whole)."""
        previous = None if library.build_id is None else build_folder(self._settings, library.build_id)
        for folder in (previous, index_store(self._settings).current()):
            if folder is not None and can_donate(folder):
                return folder.resolve()
        return None

    def _start_completion(self, job: BuildJob) -> None:
        running = self._completions.get(job.guild_id)
        if running is not None:
            running.cancel()  # its revision is outdated: only the newest is completed
        self._track(job.guild_id, self._complete(job))

    def _track(self, guild_id: int, completion: Coroutine[object, object, None]) -> None:
        task = asyncio.create_task(completion)
        self._completions[guild_id] = task

        def forget(done: asyncio.Task[None]) -> None:
            if self._completions.get(guild_id) is done:
                del self._completions[guild_id]

        task.add_done_callback(forget)

    async def _complete(self, job: BuildJob) -> None:
        """The second stage: the complete build of `job`'s files, recorded unless the files changed meanwhile."""
        if (await self._repo.library(job.guild_id)).revision != job.revision:
            return  # a later change is being built (and completed) instead
        try:
            result = await build_with_retries(self._builder, job, self._retry, _quiet)
        except Exception:
            log.exception("server %s's notes: the quiz items of revision %s were not made", job.guild_id, job.revision)
            await self._note_failure(job.guild_id, job.revision)  # the listing tells the managers
            return
        await self._record(result)

    def _left_alone(self, library: ServerLibrary) -> bool:
        """Whether the recorded first stage has waited `completion_grace` with no second stage started here."""
        if library.guild_id in self._completions or library.build_id in self._completed or library.built_at is None:
            return False
        built_at = library.built_at if library.built_at.tzinfo else library.built_at.replace(tzinfo=UTC)
        return self._clock.now() - built_at >= self._completion_grace

    def _complete_later(self, guild_id: int, build_id: str) -> None:
        """Start the second stage of a first stage whose own process died between the stages (once per build)."""
        log.info("completing server %s's notes build %s (its second stage was never recorded)", guild_id, build_id)
        self._completed.add(build_id)
        self._track(guild_id, self._complete_stored(guild_id))

    async def _complete_stored(self, guild_id: int) -> None:
        library, files = await self._repo.snapshot(guild_id)
        if files:
            await self._complete(self._job(library, files))

    def _job(self, library: ServerLibrary, files: dict[str, bytes]) -> BuildJob:
        """The complete build of the server's `files` as `library` stands."""
        return BuildJob(library.guild_id, library.revision, files, library.include_default, self._settings, self.limits)

    async def _note_failure(self, guild_id: int, revision: int) -> None:
        """Record that the build of `revision` failed (`listing` says so); a failure to record it is logged, so
        the build's own error is the one raised."""
        try:
            await self._repo.record_failure(guild_id, revision, self._clock.now())
        except Exception:
            log.exception("could not record that server %s's notes build failed", guild_id)

    async def _tell(self, guild_id: int) -> None:
        for listener in self._listeners:
            await listener(guild_id)


def clean_name_or(name: str) -> str:
    """The file's clean name, or the name as given when it has none (the refusal will say so)."""
    try:
        return clean_name(name)
    except UploadRefused:
        return name
