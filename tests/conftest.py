"""Session-wide fixtures: the embedding model (loaded once) and a built index of the default notes."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.knowledge.corpus import corpus_hash, load_corpus
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.builder import ArtifactWriter, BuildReport, NotesBuild, build
from bot.knowledge.index.embeddings import EmbeddingCache, cache_path
from bot.knowledge.index.store import IndexStore
from bot.knowledge.profile import CorpusProfile, activate, load_profile
from bot.knowledge.retriever import Retriever
from bot.quiz.item import ItemKind, QuizItem
from bot.service.notes import NotesBundle
from bot.settings import REPO_ROOT, PathSettings, Settings, StorageSettings


class SessionEmbedder(Embedder):
    """The real model, remembering each text's vector for the test session.

    Many tests build the same small notes again (faults, rebuilds, CLI runs); the model is deterministic, so a
    remembered vector is the one a fresh call would give, and each text is embedded once per session.
    """

    def __init__(self) -> None:
        super().__init__()
        self._seen: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._seen))
        if missing:
            self._seen.update(zip(missing, super().encode(missing, batch_size, progress), strict=True))
        if not texts:
            return super().encode(texts)
        return np.stack([self._seen[t] for t in texts])


@pytest.fixture(scope="session")
def default_profile() -> CorpusProfile:
    """The default notes' profile (corpus/profile.toml)."""
    return load_profile(REPO_ROOT / "corpus")


@pytest.fixture(autouse=True)
def default_notes_profile(default_profile: CorpusProfile) -> None:
    """Each test starts with the default notes' profile active, as a process serving them has it: the text rules
    follow the active profile, and a fixture that built other notes may have activated theirs."""
    activate(default_profile)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real packaged model, loaded once for the whole test session."""
    model = SessionEmbedder()
    model.encode(["load the model"])
    return model


@pytest.fixture(scope="session")
def default_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over the real default notes, with the index and database in a temporary folder."""
    work = tmp_path_factory.mktemp("default")
    return Settings(
        paths=PathSettings(root=REPO_ROOT, corpus=REPO_ROOT / "corpus", index=work / "index"),
        storage=StorageSettings(database_url=f"sqlite+aiosqlite:///{work / 'tutorbot.db'}"),
    )


@pytest.fixture(scope="session")
def default_retriever(default_settings: Settings, embedder: Embedder) -> Retriever:
    """A retriever over the default notes, built once per session (about 20 s: embedding and quiz prompts)."""
    from bot.indexing import build_index, open_retriever

    build_index(default_settings, embedder)
    return open_retriever(default_settings, embedder, rebuild=False)


@pytest.fixture(scope="session")
def default_bundle(default_retriever: Retriever, default_profile: CorpusProfile) -> NotesBundle:
    """The default notes as the service serves them (all their quiz prompts, their profile), built once."""
    from bot.quiz.item import PROMPTS_FILE, load_prompts

    return NotesBundle(default_retriever, load_prompts(default_retriever.index.path / PROMPTS_FILE), default_profile)


def with_prompts(bundle: NotesBundle, prompts: Sequence[QuizItem]) -> NotesBundle:
    """`bundle` as if its notes had been rebuilt into these quiz prompts (a copy: `bundle` itself is unchanged)."""
    rebuilt = copy.copy(bundle)
    rebuilt.prompts = {p.id: p for p in prompts}
    return rebuilt


def typed_prompt(prompts: Iterable[QuizItem]) -> QuizItem:
    """The first prompt answered by typing (cloze, numeric, definition): any text is a gradable answer to it, where
    a true/false or picking prompt refuses one that is not true/false or a choice."""
    return next(p for p in prompts if p.kind in (ItemKind.CLOZE, ItemKind.NUMERIC, ItemKind.DEFINITION))


def write_notes(folder: Path, files: dict[str, str]) -> Path:
    """Write a small corpus of note files into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def notes_settings(root: Path) -> Settings:
    """Settings over the notes in `root/notes`, with the index and an SQLite database beside them."""
    return Settings(paths=PathSettings(root=root, corpus=root / "notes"))  # its index/ and data/tutorbot.db


def build_notes(root: Path, files: dict[str, str], embedder: Embedder) -> Path:
    """`root` holding the given notes and their built index (build once per session, then use `private_copy`)."""
    from bot.indexing import build_index

    write_notes(root / "notes", files)
    build_index(notes_settings(root), embedder)
    return root


def private_copy(template: Path, tmp_path: Path) -> Settings:
    """Settings over a test's own copy of a built notes folder (the index link is relative, so it still resolves)."""
    root = tmp_path / "notes-copy"
    shutil.copytree(template, root, symlinks=True)
    return notes_settings(root)


def build_store(
    store: IndexStore, embedder: Embedder, artifacts: dict[str, ArtifactWriter] | None = None, faiss_kind: str = "auto"
) -> BuildReport:
    """Build the index alone (and `artifacts`) of `store`'s notes folder, through its index folder's embedding
    cache, as `bot.indexing` builds notes."""
    plan = NotesBuild(
        load_corpus(store.corpus_dir, store.root),
        corpus_hash(store.corpus_dir, store.root),
        artifacts or {},
        faiss_kind=faiss_kind,
    )
    cache = EmbeddingCache(embedder, cache_path(store.index_dir))
    try:
        return build(store, plan, cache)
    finally:
        cache.close()
