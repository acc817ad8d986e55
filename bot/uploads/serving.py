"""The notes library serves each server's own notes: its resolver asks ServerNotes which build serves a server,
and a build this process makes is swapped in at once (other processes see it at the library's next recheck)."""

from __future__ import annotations

import logging

from bot.knowledge.profile import NEUTRAL
from bot.service.library import NotesLibrary
from bot.service.notes import NotesSource
from bot.uploads.service import ServerNotes

log = logging.getLogger(__name__)


def serve_uploads(notes: ServerNotes, library: NotesLibrary) -> None:
    """Plug `notes` into `library`: a server with its own notes gets its build (under the default notes' profile
    when they are included, else the neutral one); a server without gets the default bundle."""

    async def resolve(guild_id: int) -> NotesSource | None:
        source = await notes.source(guild_id)
        if source is None:
            return None
        profile = library.default.profile if source.include_default else NEUTRAL
        return NotesSource(source.build_id, source.folder, profile, source.complete)

    async def built(guild_id: int) -> None:
        try:
            await library.replace(guild_id, await resolve(guild_id))
        except Exception as error:  # the build is recorded: the library loads it at the server's next request
            log.warning(
                "server %s's new notes build is not loaded yet (%s); it will be at its next request", guild_id, error
            )

    library.set_resolver(resolve)
    notes.on_built(built)
