"""Small hand-written notes, indexes built from them with the session model, and the CLI run in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli import main
from bot.indexing import build_index, index_store
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.store import IndexStore
from bot.settings import PathSettings, Settings
from tests.conftest import build_notes, private_copy, write_notes

PLANETS = """# Planets

Mars is the fourth planet from the Sun and has two small moons, Phobos and Deimos.

## Gas giants

- Jupiter is the largest planet; its Great Red Spot is a storm larger than Earth.
- Saturn has the most visible ring system, made mostly of ice.

![rings diagram](https://example.com/rings.png)

## Observing

Use a telescope with at least 100 mm aperture to see the **rings of Saturn** and the `Galilean` moons.
"""

SOIL = """# Soil

Clay soil holds water well but drains slowly; add compost to loosen it.

## Acidity

Blueberries need acidic soil with a pH between 4.5 and 5.5.
Lime raises the pH of soil, sulphur lowers it.
"""

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="session")
def small_template(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """A folder with `notes/` (planets, soil) and its built `index/`, made once; tests work on copies."""
    return build_notes(tmp_path_factory.mktemp("small"), {"planets.md": PLANETS, "soil.md": SOIL}, embedder)


@pytest.fixture(scope="session")
def cli_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Settings:
    """The small notes indexed as the CLI sees them (root = the repository, so sources are absolute paths)."""
    folder = tmp_path_factory.mktemp("cli")
    notes = write_notes(folder / "notes", {"planets.md": PLANETS, "soil.md": SOIL})
    settings = Settings(paths=PathSettings(corpus=notes, index=folder / "index"))
    build_index(settings, embedder)
    return settings


@pytest.fixture
def small_settings(tmp_path: Path, small_template: Path) -> Settings:
    """Settings over a private copy of the small notes and their built index."""
    return private_copy(small_template, tmp_path)


@pytest.fixture
def notes_dir(small_settings: Settings) -> Path:
    return small_settings.paths.corpus_dir


@pytest.fixture
def store(small_settings: Settings) -> IndexStore:
    """The store of the copied small index (already built)."""
    return index_store(small_settings)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], embedder: Embedder) -> Cli:
    """Runs `tutorbot ARGS...` in-process with the session model; returns (exit code, stdout, stderr)."""
    for module in ("bot.cli._index", "bot.cli._common"):
        monkeypatch.setattr(f"{module}.embedder_for", lambda model: embedder)

    def run(*args: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
