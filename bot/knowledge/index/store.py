"""Build folders of one set of notes on disk: validation, loading, publishing a new build atomically, and
cleaning up what earlier builds left.

Layout: `<index_dir>/<corpus>` is a symlink to `<index_dir>/builds/<build id>/`. A build is written into
`builds/.tmp-<id>/`, renamed to `builds/<id>/`, and the link is swapped with one atomic rename, so readers only
ever see a whole build; the manifest's checksums reveal anything truncated or tampered with afterwards.

The build a swap replaced is *retired*, not deleted: other processes may still be reading it (a shard opening the
notes it resolved a moment ago, a notes library loading a server's build by its id). It is removed by a later
build's cleanup once untouched for the grace period and not being read (`artifacts.reading` holds a shared lock).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from bot.errors import IndexMissing, IndexStale
from bot.knowledge.chunking import ChunkerSettings
from bot.knowledge.corpus import corpus_hash
from bot.knowledge.index.artifacts import NotesIndex, read_build
from bot.knowledge.index.manifest import FORMAT_VERSION, MANIFEST_FILE, Manifest, verify

log = logging.getLogger(__name__)

DEFAULT_CORPUS = "default"
BUILDS_FOLDER = "builds"
CLEANUP_GRACE_SECONDS = 15 * 60  # a build folder untouched for less may still be written or read elsewhere
RETIRED_FILE = ".retired"  # written into a build when a swap replaces it: its retirement time is its last write


def corpus_link(index_dir: Path, corpus: str = DEFAULT_CORPUS) -> Path:
    """The link naming the current build of `corpus` in `index_dir`."""
    return index_dir / corpus


class IndexStore:
    """The build folders of one corpus: `corpus_dir` holds the notes (their hash decides staleness), `index_dir`
    the builds and the `corpus` link to the current one."""

    def __init__(
        self,
        corpus_dir: Path,
        index_dir: Path,
        root: Path,
        corpus: str = DEFAULT_CORPUS,
        grace_seconds: float = CLEANUP_GRACE_SECONDS,
    ) -> None:
        self.corpus_dir = corpus_dir
        self.index_dir = index_dir
        self.root = root
        self.link = corpus_link(index_dir, corpus)
        self.grace_seconds = grace_seconds

    # -- validation -------------------------------------------------------------------------------------------
    def manifest(self) -> Manifest:
        """The current build's manifest; IndexMissing without one, IndexCorrupt when unreadable."""
        path = self.link / MANIFEST_FILE
        if not path.exists():
            raise IndexMissing(f"No notes index at {self.link}; run `tutorbot build-index`.")
        return Manifest.read(path)

    def check(
        self, model_id: str, chunker: ChunkerSettings, verify_files: bool = True, notes_changed_ok: bool = False
    ) -> Manifest:
        """The manifest, after checking it matches these notes, model and settings (raises otherwise).

        `notes_changed_ok` accepts a build of older notes (the last good index, when a rebuild cannot be written).
        """
        manifest = self.manifest()
        if manifest.format_version != FORMAT_VERSION:
            raise IndexStale(f"The index has format {manifest.format_version}, this tutorbot reads {FORMAT_VERSION}.")
        if manifest.model != model_id:
            raise IndexStale(f"The index was built with model {manifest.model!r}, not {model_id!r}.")
        if manifest.chunker != chunker.as_dict():
            raise IndexStale("The index was built with other chunker settings.")
        if not notes_changed_ok and manifest.corpus_hash != corpus_hash(self.corpus_dir, self.root):
            raise IndexStale("The notes changed since the index was built.")
        if verify_files:
            verify(self.link, manifest)
        return manifest

    # -- loading ----------------------------------------------------------------------------------------------
    def load(self, model_id: str, chunker: ChunkerSettings | None = None, notes_changed_ok: bool = False) -> NotesIndex:
        """The current build, checked (`check`) and read; IndexCorrupt when a file cannot be read."""
        manifest = self.check(model_id, chunker or ChunkerSettings(), notes_changed_ok=notes_changed_ok)
        return read_build(self.link.resolve(), manifest)

    def current(self) -> Path | None:
        """The current build's folder, or None when there is none."""
        return self.link.resolve() if self.link.is_symlink() and self.link.exists() else None

    # -- publishing -------------------------------------------------------------------------------------------
    def publish(self, write: Callable[[Path], None]) -> Path:
        """A new build: `write(folder)` fills a fresh folder, which then becomes the current build atomically.

        Run it holding the builder lock (`bot.indexing.build_lock` or a server's lock). First removes leftovers
        past the grace period (`remove_leftovers`); the build replaced is retired. Anything `write` raises leaves
        the current build as it was and no temporary folder. Returns the new build's folder.
        """
        builds = self.index_dir / BUILDS_FOLDER
        builds.mkdir(parents=True, exist_ok=True)
        self.remove_leftovers()  # space for this build: what killed or retired builds left goes first
        replaced = self.current()
        build_dir = builds / f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        tmp_dir = builds / f".tmp-{build_dir.name}"
        tmp_dir.mkdir()
        try:
            write(tmp_dir)
            os.replace(tmp_dir, build_dir)
            self._swap_link(build_dir)
        finally:
            shutil.rmtree(tmp_dir, ignore_errors=True)
        if replaced is not None and replaced != build_dir.resolve() and replaced not in self._linked():
            retire(replaced)
        return build_dir

    def _swap_link(self, build_dir: Path) -> None:
        tmp_link = self.index_dir / f".{self.link.name}.{uuid.uuid4().hex[:8]}"
        tmp_link.symlink_to(build_dir.relative_to(self.index_dir), target_is_directory=True)
        if self.link.exists() and not self.link.is_symlink():
            shutil.rmtree(self.link)  # an old-style real folder: replace it by the link
        os.replace(tmp_link, self.link)

    # -- cleanup ----------------------------------------------------------------------------------------------
    def remove_leftovers(self, grace_seconds: float | None = None) -> list[Path]:
        """Delete what earlier builds left: swap links never renamed into place (`.<corpus>.<id>` in the index
        folder) and build folders (finished, retired or `.tmp-*`) that no corpus link points to; the paths removed.

        Run it holding the builder lock. A leftover written to (or retired) less than `grace_seconds` ago (default:
        the store's) is kept, and so is a build another process is reading: a builder that does not take the lock
        may still be writing it, a reader may still be loading it. The live build of every corpus is never touched.
        """
        grace = self.grace_seconds if grace_seconds is None else grace_seconds
        now = time.time()
        removed: list[Path] = []
        for entry in self.index_dir.iterdir():
            if _is_swap_link(entry) and now - entry.lstat().st_mtime > grace:
                entry.unlink(missing_ok=True)
                removed.append(entry)
        builds = self.index_dir / BUILDS_FOLDER
        linked = self._linked()
        for folder in builds.iterdir() if builds.is_dir() else ():
            old = folder.is_dir() and folder.resolve() not in linked and now - _last_written(folder) > grace
            if old and _remove_unless_read(folder):
                removed.append(folder)
        if removed:
            log.info("removed %d leftover(s) of earlier builds: %s", len(removed), ", ".join(p.name for p in removed))
        return removed

    def _linked(self) -> set[Path]:
        """The builds some corpus link points to (swap links in flight do not count)."""
        return {
            entry.resolve()
            for entry in self.index_dir.iterdir()
            if entry.is_symlink() and not _is_swap_link(entry) and entry.exists()
        }


def retire(folder: Path) -> None:
    """Mark a build no link points to any more as retired now: cleanup keeps it for the grace period from here."""
    with contextlib.suppress(OSError):  # removed meanwhile, or unwritable: then it ages from its last write
        (folder / RETIRED_FILE).write_text(f"{time.time():.3f}\n", encoding="utf-8")


def _remove_unless_read(folder: Path) -> bool:
    """Delete `folder` unless a reader holds its shared lock (then keep it for a later cleanup); whether removed."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("kept the build %s: another process is reading it", folder.name)
            return False
        shutil.rmtree(folder, ignore_errors=True)
        return True
    finally:
        os.close(handle)


def _is_swap_link(entry: Path) -> bool:
    """A link `_swap_link` made and would have renamed onto the corpus link: `.<corpus>.<8 hex>`."""
    return entry.is_symlink() and entry.name.startswith(".")


def _last_written(folder: Path) -> float:
    """The newest modification time of the folder or anything in it (a builder writing a file updates it)."""
    times = [folder.stat().st_mtime]
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):  # removed meanwhile
            times.append(path.lstat().st_mtime)
    return max(times)
