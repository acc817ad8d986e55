"""A build's manifest: what it was built from and with (format, model, chunker, notes hash) and a SHA-256 of each
artifact, so a stale, foreign or damaged build is told apart from a good one."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.errors import IndexCorrupt

FORMAT_VERSION = 4  # raise whenever chunking or artifact layout changes: older indexes are rebuilt
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    """`manifest.json` of one build.

    `dimension` is the vectors' width, `chunker` the `ChunkerSettings.as_dict()` used, `corpus_hash` the notes'
    hash (`bot.knowledge.corpus`), `faiss_kind` "flat" or "hnsw", `built_at` seconds since the epoch (UTC) and
    `checksums` artifact file name -> hex SHA-256.
    """

    format_version: int
    model: str
    dimension: int
    chunker: dict[str, int]
    corpus_hash: str
    chunk_count: int
    faiss_kind: str
    built_at: float
    checksums: dict[str, str]

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """The manifest at `path`; IndexCorrupt when it cannot be read or has other fields."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError) as error:
            raise IndexCorrupt(
                f"The index manifest {path} is unreadable ({error}); run `tutorbot build-index`."
            ) from error

    def write(self, folder: Path) -> None:
        (folder / MANIFEST_FILE).write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (read in 1 MiB blocks). OSError when it cannot be read."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksums_of(folder: Path, names: tuple[str, ...]) -> dict[str, str]:
    """{name: SHA-256} of the named files in `folder`, for a manifest."""
    return {name: sha256_of(folder / name) for name in names}


def verify(folder: Path, manifest: Manifest) -> None:
    """IndexCorrupt unless every file the manifest lists is in `folder` with its checksum."""
    for name, expected in manifest.checksums.items():
        path = folder / name
        if not path.exists() or sha256_of(path) != expected:
            raise IndexCorrupt(f"Index file {name} is missing or damaged; run `tutorbot build-index`.")


def intact(folder: Path, manifest: Manifest, names: tuple[str, ...]) -> bool:
    """Whether the named files in `folder` match the manifest's checksums (False when one is missing)."""
    try:
        return all(sha256_of(folder / name) == manifest.checksums.get(name) for name in names)
    except OSError:
        return False
