"""Errors every layer may raise; front ends turn them into friendly messages."""

from __future__ import annotations

from enum import StrEnum


class TutorbotError(Exception):
    """Base class: the message is safe to show to a member or an operator."""


class NotesIndexError(TutorbotError):
    """The notes index is missing, stale, foreign or corrupt."""


class IndexMissing(NotesIndexError):
    """No index has been built yet."""


class IndexStale(NotesIndexError):
    """The index was built from other notes, another model or other chunker settings."""


class IndexCorrupt(NotesIndexError):
    """An index file is unreadable or inconsistent with the manifest."""


class IndexBuildFailed(NotesIndexError):
    """The index could not be written (a full disk) and no earlier build can stand in."""


class BuildCrashed(IndexBuildFailed):
    """The process building an index died mid-build (killed, out of memory); nothing stored was lost, and the same
    build may succeed when tried again."""


class InvalidInput(TutorbotError):
    """The member's input cannot be used as given (an empty or overlong question, an unknown time zone, a bad group
    name...)."""


class UnusableAnswer(TutorbotError):
    """A quiz answer that cannot be marked as given (not true/false, a choice letter out of range): ask again."""


class StorageUnavailable(TutorbotError):
    """The database is locked or unreachable; the operation was not performed."""


class StorageFull(StorageUnavailable):
    """The disk under the database is full; the operation was not performed (nothing was written)."""


class NotAllowed(TutorbotError):
    """The member may not do this (permissions, ownership, already answered...)."""


class NotFound(TutorbotError):
    """A thing the member named (group, prompt, topic...) does not exist."""


class Refusal(StrEnum):
    """Why an uploaded notes file was refused (each front end words it for its readers; the error's message
    already names the file and the reason)."""

    BAD_NAME = "bad_name"  # no usable file name
    UNSUPPORTED = "unsupported"  # a kind of file tutorbot does not read
    TOO_BIG = "too_big"  # over the size limit for one file
    TOO_MANY_PAGES = "too_many_pages"
    TOO_MUCH_TEXT = "too_much_text"
    SERVER_FULL = "server_full"  # the server's count or total size of files would pass its limit
    NOT_WHAT_IT_CLAIMS = "not_what_it_claims"  # its bytes are another kind of file than its name says
    ENCRYPTED = "encrypted"
    EXPANDS_TOO_FAR = "expands_too_far"  # an archive (a .docx is a zip) that would unpack far beyond its size
    NOT_TEXT = "not_text"  # binary bytes, or a text layer that is not readable text
    NO_TEXT = "no_text"  # nothing to study in it (an empty file, a scanned PDF without a text layer)
    UNREADABLE = "unreadable"  # damaged: the library could not read it


class UploadRefused(TutorbotError):
    """An uploaded notes file was refused before anything was stored; `reason` says why, the message says it to a
    member (naming the file)."""

    def __init__(self, reason: Refusal, message: str) -> None:
        super().__init__(message)
        self.reason = reason

    def __reduce__(self) -> tuple[type[UploadRefused], tuple[Refusal, str]]:
        return (UploadRefused, (self.reason, str(self)))  # crosses from the build worker process whole
