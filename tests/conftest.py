"""Session-wide fixtures: the embedding model (loaded once) and a built index of the default notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.embedder import Embedder
from bot.knowledge.retriever import Retriever
from bot.settings import REPO_ROOT, Settings


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real packaged model, loaded once for the whole test session."""
    model = Embedder()
    model.encode(["load the model"])
    return model


@pytest.fixture(scope="session")
def default_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over the real default notes, with the index and database in a temporary folder."""
    work = tmp_path_factory.mktemp("default")
    return Settings(
        root=REPO_ROOT,
        corpus_dir=REPO_ROOT / "corpus",
        index_dir=work / "index",
        database_url=f"sqlite+aiosqlite:///{work / 'tutorbot.db'}",
    )


@pytest.fixture(scope="session")
def default_retriever(default_settings: Settings, embedder: Embedder) -> Retriever:
    """A retriever over the default notes, built once per session (about 20 s: embedding and quiz prompts)."""
    from bot.indexing import build_index, open_retriever

    build_index(default_settings, embedder)
    return open_retriever(default_settings, embedder, rebuild=False)


def write_notes(folder: Path, files: dict[str, str]) -> Path:
    """Write a small corpus of note files into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
