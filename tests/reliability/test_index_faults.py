"""Index faults: a deleted, truncated, foreign or half-written index never stops the bot from opening its notes."""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli._doctor import check_index
from bot.errors import IndexBuildFailed, IndexCorrupt, IndexMissing, IndexStale
from bot.indexing import build_index, index_store, open_retriever
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.store import CLEANUP_GRACE_SECONDS
from bot.settings import REPO_ROOT, Settings
from tests.reliability.conftest import LAMBDA_NOTES


def current_build(settings: Settings) -> Path:
    return index_store(settings).link.resolve()


def assert_opens_twice(settings: Settings, embedder: Embedder) -> Path:
    """`open_retriever(rebuild=True)` works, and a second start finds a good index without rebuilding again."""
    first = open_retriever(settings, embedder, rebuild=True)
    assert first.search("What is the Lambda default timeout?", k=1)
    build = current_build(settings)
    second = open_retriever(settings, embedder, rebuild=False)
    assert Path(second.index.path) == build
    return build


def test_deleted_index_is_rebuilt(built: Settings, embedder: Embedder) -> None:
    shutil.rmtree(built.paths.index_dir)
    with pytest.raises(IndexMissing):
        open_retriever(built, embedder, rebuild=False)
    assert_opens_twice(built, embedder)


def test_deleted_build_folder_behind_the_link_is_rebuilt(built: Settings, embedder: Embedder) -> None:
    shutil.rmtree(current_build(built))
    assert_opens_twice(built, embedder)


def test_truncated_vectors_are_detected_and_rebuilt(built: Settings, embedder: Embedder) -> None:
    vectors = current_build(built) / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:100])
    with pytest.raises(IndexCorrupt):
        open_retriever(built, embedder, rebuild=False)
    assert_opens_twice(built, embedder)


def test_garbage_manifest_is_rebuilt(built: Settings, embedder: Embedder) -> None:
    (current_build(built) / "manifest.json").write_text("{not json", encoding="utf-8")
    assert_opens_twice(built, embedder)


def test_manifest_from_another_model_is_rebuilt(built: Settings, embedder: Embedder) -> None:
    manifest_path = current_build(built) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["model"] = "some-other-model"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexStale, match="some-other-model"):
        open_retriever(built, embedder, rebuild=False)
    rebuilt = assert_opens_twice(built, embedder)
    assert json.loads((rebuilt / "manifest.json").read_text(encoding="utf-8"))["model"] == embedder.model_id


def age(path: Path, seconds: float) -> None:
    """Make `path` (a folder and everything in it, or a link itself) look last written `seconds` ago."""
    when = time.time() - seconds
    for each in [path, *(path.rglob("*") if path.is_dir() and not path.is_symlink() else ())]:
        os.utime(each, (when, when), follow_symlinks=False)


def test_half_written_builds_leave_the_previous_index_in_use(built: Settings, embedder: Embedder) -> None:
    good = current_build(built)
    builds = built.paths.index_dir / "builds"
    (builds / ".tmp-20990101-000000-deadbeef").mkdir()
    (builds / ".tmp-20990101-000000-deadbeef" / "chunks.jsonl").write_text("{half", encoding="utf-8")
    orphan = builds / "20990101-000000-cafebabe"  # renamed into place, but the link was never swapped
    shutil.copytree(good, orphan)
    (orphan / "vectors.faiss").write_bytes(b"")
    assert assert_opens_twice(built, embedder) == good
    for leftover in builds.iterdir():
        if leftover != good:
            age(leftover, CLEANUP_GRACE_SECONDS + 60)
    build_index(built, embedder)
    assert sorted(p.name for p in builds.iterdir()) == sorted([good.name, current_build(built).name])  # good: retired


def test_a_build_killed_during_the_link_swap_is_cleaned_at_the_next_build(built: Settings, embedder: Embedder) -> None:
    good = current_build(built)
    builds = built.paths.index_dir / "builds"
    killed = builds / "20990101-000000-0badf00d"  # renamed into place, then killed between link and rename
    shutil.copytree(good, killed)
    swap_link = built.paths.index_dir / ".default.0badf00d"
    swap_link.symlink_to(killed.relative_to(built.paths.index_dir), target_is_directory=True)
    age(killed, CLEANUP_GRACE_SECONDS + 60)
    age(swap_link, CLEANUP_GRACE_SECONDS + 60)
    writing = builds / ".tmp-20990101-000001-5afe5afe"  # another builder, not under the lock, still writing
    writing.mkdir()
    (writing / "chunks.jsonl").write_text("{", encoding="utf-8")
    assert index_store(built).remove_leftovers() == [swap_link, killed]  # before the fix: the link kept it forever
    assert current_build(built) == good and writing.is_dir()
    build_index(built, embedder)
    assert sorted(p.name for p in builds.iterdir()) == sorted([good.name, current_build(built).name, writing.name])
    assert sorted(p.name for p in built.paths.index_dir.iterdir()) == ["builds", "default", "embeddings"]


def full_disk(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_during_a_rebuild_starts_on_the_last_good_index_and_says_so(
    built: Settings, embedder: Embedder, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    good = current_build(built)
    (built.paths.corpus_dir / "lambda.md").write_text(LAMBDA_NOTES + "\n## Layers\n\nLayers share code.\n", "utf-8")
    monkeypatch.setattr("bot.cli._doctor.embedder_for", lambda _model: embedder)
    with monkeypatch.context() as disk, caplog.at_level(logging.ERROR, logger="bot.indexing"):
        disk.setattr("bot.knowledge.index.builder.write_index_files", full_disk)
        retriever = open_retriever(built, embedder, rebuild=True)
    assert Path(retriever.index.path) == good and retriever.search("What is the Lambda default timeout?", k=1)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "bot.indexing"]
    assert "disk is full" in line and "last good index" in line and "\n" not in line
    assert not [p for p in (built.paths.index_dir / "builds").iterdir() if p.name.startswith(".tmp")]
    finding = check_index(built)
    assert not finding.ok and "runs on the last good notes index" in finding.text and "MB free" in finding.text
    assert assert_opens_twice(built, embedder) != good  # space is back: the next start rebuilds
    assert check_index(built).ok


def test_a_full_disk_with_no_earlier_index_fails_with_one_clear_error(
    built: Settings, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(built.paths.index_dir)
    monkeypatch.setattr("bot.knowledge.index.builder.write_index_files", full_disk)
    with pytest.raises(IndexBuildFailed, match="disk is full"):
        open_retriever(built, embedder, rebuild=True)


def test_prompts_missing_from_the_build_is_rebuilt(built: Settings, embedder: Embedder) -> None:
    (current_build(built) / "prompts.jsonl").unlink()
    assert (current_build(built) / "prompts.jsonl").exists() is False
    assert (assert_opens_twice(built, embedder) / "prompts.jsonl").is_file()


KILLED_BUILD = """
import sys, time
from pathlib import Path
import numpy as np
from bot.knowledge.corpus import corpus_hash, load_corpus
from bot.knowledge.index.builder import NotesBuild, build
from bot.knowledge.index.embeddings import EmbeddingCache
from bot.knowledge.index.store import IndexStore

class FakeEmbedder:
    model_id = "fake-model"
    dimension = 384
    def fits_window(self, text): return True
    def encode(self, texts, progress=False):
        vectors = np.ones((len(texts), self.dimension), dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

def hang(context):
    print("writing", flush=True)
    time.sleep(60)

corpus, index, root = (Path(a) for a in sys.argv[1:4])
plan = NotesBuild(load_corpus(corpus, root), corpus_hash(corpus, root), {"slow.bin": hang})
build(IndexStore(corpus, index, root), plan, EmbeddingCache(FakeEmbedder(), None))
"""


def test_kill_9_during_a_build_keeps_the_previous_index(built: Settings, embedder: Embedder) -> None:
    good = current_build(built)
    args = [
        sys.executable,
        "-c",
        KILLED_BUILD,
        str(built.paths.corpus_dir),
        str(built.paths.index_dir),
        str(built.paths.root),
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    with subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env, cwd=REPO_ROOT) as builder:
        assert builder.stdout is not None
        assert builder.stdout.readline().strip() == "writing"
        builder.send_signal(signal.SIGKILL)
        assert builder.wait(timeout=10) == -signal.SIGKILL
    builds = built.paths.index_dir / "builds"
    (leftover,) = [p for p in builds.iterdir() if p.name.startswith(".tmp-")]
    assert assert_opens_twice(built, embedder) == good
    age(leftover, CLEANUP_GRACE_SECONDS + 60)  # its writer is long gone
    build_index(built, embedder)
    assert sorted(p.name for p in builds.iterdir()) == sorted([good.name, current_build(built).name])  # good: retired
