"""Build and open the notes index with everything built beside it (the quiz prompts).

This sits above bot/knowledge and bot/quiz because it combines them; front ends and the service call it.
"""

from __future__ import annotations

import logging

from bot.errors import NotesIndexError
from bot.knowledge.chunking import ChunkerSettings
from bot.knowledge.embedder import Embedder
from bot.knowledge.index_store import BuildReport, IndexStore
from bot.knowledge.retriever import Retriever
from bot.settings import Settings

log = logging.getLogger(__name__)


def index_store(settings: Settings) -> IndexStore:
    return IndexStore(settings.corpus_dir, settings.index_dir, settings.root)


def build_index(settings: Settings, embedder: Embedder, progress: bool = False) -> BuildReport:
    """Build (incrementally) the index of the settings' corpus, and atomically make it current."""
    return index_store(settings).build(embedder, ChunkerSettings(), progress=progress)


def index_problem(settings: Settings, embedder: Embedder) -> NotesIndexError | None:
    """Why the current index cannot be used as it is (missing, stale, corrupt), or None when it can."""
    try:
        index_store(settings).check(embedder.model_id, ChunkerSettings())
    except NotesIndexError as problem:
        return problem
    return None


def open_retriever(settings: Settings, embedder: Embedder, rebuild: bool = True) -> Retriever:
    """A retriever over the current index; a missing, stale or corrupt index is rebuilt once when allowed."""
    store = index_store(settings)
    try:
        index = store.load(embedder.model_id)
    except NotesIndexError as problem:
        if not rebuild:
            raise
        log.warning("%s Rebuilding the index.", problem)
        build_index(settings, embedder)
        index = store.load(embedder.model_id)
    retriever = Retriever(index, embedder)
    retriever.warm_up()
    return retriever
