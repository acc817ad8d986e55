"""Notes a server uploads in these tests, and small default notes built once (the tests work on copies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.embedder import Embedder
from tests.conftest import build_notes
from tests.storage.conftest import target  # noqa: F401  (SQLite, and PostgreSQL when configured)
from tests.upload_files import docx_bytes, pdf_bytes

DEFAULT_NOTES = {
    "garden.md": "# Soil\n\nClay soil holds water well but drains slowly; add compost to loosen it.\n\n"
    "## Acidity\n\nBlueberries need acidic soil with a pH between 4.5 and 5.5.\nLime raises the pH of soil.\n"
}
TIDES_PDF = pdf_bytes(
    [
        [(1, "Tides"), (None, "Tides rise and fall twice a day, pulled mostly by the gravity of the Moon.")],
        [(2, "Spring tides"), (None, "Spring tides have the largest range; they come at new and full moon.")],
        [(2, "Neap tides"), (None, "Neap tides have the smallest range and come at the quarter moons.")],
    ]
)
CELLS_DOCX = docx_bytes(
    [
        ("heading", (1, "Cells")),
        ("paragraph", "Every cell is wrapped in a membrane that controls what enters and leaves."),
        ("heading", (2, "Organelles")),
        ("bullet", "Mitochondria release energy from glucose as ATP."),
        ("bullet", "Ribosomes assemble proteins from amino acids."),
    ]
)
GUILD, OTHER = 101, 202


@pytest.fixture(scope="session")
def default_template(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    return build_notes(tmp_path_factory.mktemp("server-notes"), DEFAULT_NOTES, embedder)
