"""Another bot process on the same database and index folder, for the two-process test of servers' own notes.

`python -m tests.e2e.notes_shard ROOT URL SCHEMA GUILD QUESTION`: opens its own Tutor, notes library and ServerNotes
(as a shard process does, without Discord) and asks QUESTION for server GUILD every quarter second, printing one
JSON line per answer: {"sources": [the cited passages' sources], "at": monotonic seconds}. Runs until killed.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

from bot.clock import SystemClock
from bot.indexing import open_build, open_notes
from bot.knowledge.embedder import Embedder
from bot.knowledge.profile import load_profile
from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle, NotesSource
from bot.storage import Database
from bot.tutor import Tutor
from bot.uploads.builds import InlineBuilder
from bot.uploads.service import ServerNotes
from bot.uploads.serving import serve_uploads
from tests.conftest import notes_settings


async def serve(root: Path, url: str, schema: str | None, guild_id: int, question: str) -> None:
    settings = notes_settings(root)
    embedder = Embedder(settings.retrieval.model)
    retriever, items = open_notes(settings, embedder, rebuild=False)

    def load(source: NotesSource) -> NotesBundle:
        build, build_items = open_build(source.folder, embedder)
        return NotesBundle(build, build_items, source.profile, source.build_id)

    library = NotesLibrary(NotesBundle(retriever, items, load_profile(settings.paths.corpus_dir)), load)
    db = await Database.open(url, schema=schema)
    tutor = Tutor(settings, library, db, SystemClock())
    serve_uploads(ServerNotes(tutor.repos.notes, settings, InlineBuilder(embedder), tutor.clock), library)
    while True:
        answer = await tutor.ask(question, guild_id=guild_id)
        print(json.dumps({"sources": [hit.passage.source for hit in answer.hits], "at": time.monotonic()}), flush=True)
        await asyncio.sleep(0.25)


if __name__ == "__main__":
    root, url, schema, guild, question = sys.argv[1:6]
    asyncio.run(serve(Path(root), url, schema or None, int(guild), question))
