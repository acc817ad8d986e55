"""Errors every layer may raise; front ends turn them into friendly messages."""


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


class BadQuestion(TutorbotError):
    """The member's input cannot be answered as given (empty, too long, not a question...)."""


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
