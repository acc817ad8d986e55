"""The index on disk: round trip, missing/stale/corrupt detection, recovery, incremental and atomic builds, the
embedding cache, and cleanup that leaves builds other processes read alone.

Most tests work on a private copy of the small index built once per session (the `store` fixture).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from bot.errors import IndexCorrupt, IndexMissing, IndexStale
from bot.indexing import ensure_index, open_retriever
from bot.knowledge.chunking import ChunkerSettings, chunk_documents
from bot.knowledge.corpus import load_corpus
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.artifacts import load_build
from bot.knowledge.index.builder import BuildContext
from bot.knowledge.index.embeddings import EmbeddingCache, cache_path
from bot.knowledge.index.store import IndexStore
from bot.settings import REPO_ROOT, Settings
from tests.conftest import build_store, notes_settings, write_notes

RIVERS = {"rivers.md": "# Rivers\n\nThe Nile is long.\n\n## Deltas\n\nDeltas form where rivers meet the sea."}


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def failing_writer(context: BuildContext) -> None:
    (context.folder / "extra.txt").write_text("half written", encoding="utf-8")
    raise RuntimeError("disk full")


def test_build_then_load_round_trips(tmp_path: Path, notes_dir: Path, embedder: Embedder):
    store = IndexStore(notes_dir, tmp_path / "fresh", notes_dir.parent)
    report = build_store(store, embedder)
    index = store.load(embedder.model_id)
    expected = chunk_documents(load_corpus(notes_dir, notes_dir.parent), window_fits=embedder.fits_window)
    assert index.chunks == expected
    assert report.chunk_count == len(expected) == index.vectors.shape[0] == index.dense.count
    assert (index.manifest.chunk_count, index.manifest.dimension) == (len(expected), embedder.dimension)
    assert (report.embedded, report.reused) == (len(expected), 0)
    assert np.allclose(index.vectors, embedder.encode([c.embed_text for c in expected]), atol=1e-5)
    assert store.link.is_symlink() and store.link.resolve() == report.path
    assert {c.source for c in index.chunks} == {"notes/planets.md", "notes/soil.md"}


def test_no_index_is_missing(tmp_path: Path, notes_dir: Path, embedder: Embedder):
    with pytest.raises(IndexMissing):
        IndexStore(notes_dir, tmp_path / "empty", notes_dir.parent).load(embedder.model_id)


def test_a_changed_note_makes_the_index_stale(store: IndexStore, embedder: Embedder):
    store.load(embedder.model_id)
    (store.corpus_dir / "soil.md").write_text("# Soil\n\nSand drains fast.\n", encoding="utf-8")
    with pytest.raises(IndexStale, match="notes changed"):
        store.load(embedder.model_id)


def test_a_new_note_makes_the_index_stale(store: IndexStore, embedder: Embedder):
    write_notes(store.corpus_dir, RIVERS)
    with pytest.raises(IndexStale, match="notes changed"):
        store.check(embedder.model_id, ChunkerSettings())


def test_another_model_or_chunker_makes_the_index_stale(store: IndexStore, embedder: Embedder):
    with pytest.raises(IndexStale, match="model"):
        store.load("some-other-model")
    with pytest.raises(IndexStale, match="chunker"):
        store.load(embedder.model_id, ChunkerSettings(max_chars=900))


@pytest.mark.parametrize("name", ["vectors.faiss", "chunks.jsonl", "vectors.npy", "prompts.jsonl"])
def test_a_truncated_file_is_corrupt(store: IndexStore, embedder: Embedder, name: str):
    truncate(store.link / name)
    with pytest.raises(IndexCorrupt, match=name):
        store.load(embedder.model_id)


@pytest.mark.parametrize("garbage", ["{not json", "[1, 2]", '{"model": "x"}', ""])
def test_a_garbage_manifest_is_corrupt(store: IndexStore, embedder: Embedder, garbage: str):
    (store.link / "manifest.json").write_text(garbage, encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="manifest"):
        store.load(embedder.model_id)


def test_an_unreadable_bm25_folder_is_corrupt(store: IndexStore, embedder: Embedder):
    for path in (store.link / "bm25").iterdir():
        path.write_text("garbage", encoding="utf-8")
    with pytest.raises(IndexCorrupt):
        store.load(embedder.model_id)


def test_open_retriever_rebuilds_a_corrupt_index_only_when_allowed(small_settings: Settings, embedder: Embedder):
    truncate(small_settings.paths.index_dir / "default" / "vectors.faiss")
    with pytest.raises(IndexCorrupt):
        open_retriever(small_settings, embedder, rebuild=False)
    retriever = open_retriever(small_settings, embedder)
    assert retriever.search("Which planet has two moons?", k=1)[0].passage.text.startswith("Mars")


def test_adding_a_note_embeds_only_its_chunks(store: IndexStore, embedder: Embedder):
    before = store.manifest().chunk_count
    write_notes(store.corpus_dir, RIVERS)
    report = build_store(store, embedder)
    assert (report.embedded, report.reused, report.chunk_count) == (2, before, before + 2)
    index = store.load(embedder.model_id)
    assert np.allclose(index.vectors, embedder.encode([c.embed_text for c in index.chunks]), atol=1e-5)


def test_an_unchanged_rebuild_embeds_nothing_keeps_ids_and_retires_the_old_build(store: IndexStore, embedder: Embedder):
    old_path = store.link.resolve()
    ids = [c.chunk_id for c in store.load(embedder.model_id).chunks]
    report = build_store(store, embedder)
    assert (report.embedded, report.reused) == (0, len(ids))
    assert report.path != old_path
    assert [c.chunk_id for c in store.load(embedder.model_id).chunks] == ids
    assert [c.chunk_id for c in load_build(old_path, embedder.model_id).chunks] == ids  # a reader may still load it
    assert store.remove_leftovers() == []  # retired just now: within the grace period
    age(old_path, store.grace_seconds + 60)
    build_store(store, embedder)
    assert not old_path.exists()


def test_a_failed_build_leaves_the_previous_index_and_no_temporary_folders(store: IndexStore, embedder: Embedder):
    current = store.link.resolve()
    before = store.manifest()
    write_notes(store.corpus_dir, RIVERS)
    with pytest.raises(RuntimeError, match="disk full"):
        build_store(store, embedder, artifacts={"extra.txt": failing_writer})
    assert store.link.resolve() == current
    assert [p.name for p in (store.index_dir / "builds").iterdir()] == [current.name]
    assert sorted(p.name for p in store.index_dir.iterdir()) == ["builds", "default", "embeddings"]
    assert store.manifest() == before
    (store.corpus_dir / "rivers.md").unlink()
    assert store.load(embedder.model_id).manifest == before


def test_extra_artifacts_are_written_into_the_build_and_checksummed(store: IndexStore, embedder: Embedder):
    def writer(context: BuildContext) -> None:
        text = f"{len(context.chunks)} {context.vectors.shape[0]}\n"
        (context.folder / "extra.txt").write_text(text, encoding="utf-8")

    report = build_store(store, embedder, artifacts={"extra.txt": writer})
    assert (store.link / "extra.txt").read_text(encoding="utf-8") == f"{report.chunk_count} {report.chunk_count}\n"
    truncate(store.link / "extra.txt")
    with pytest.raises(IndexCorrupt, match=r"extra\.txt"):
        store.load(embedder.model_id)


def test_an_approximate_index_can_be_chosen(store: IndexStore, embedder: Embedder):
    build_store(store, embedder, faiss_kind="hnsw")
    index = store.load(embedder.model_id)
    assert index.manifest.faiss_kind == "hnsw" and index.dense.count == len(index.chunks)
    _, rows = index.dense.search(index.vectors[2], 1)
    assert rows[0] == 2


def test_rebuilding_a_damaged_index_does_not_reuse_damaged_vectors(store: IndexStore, embedder: Embedder):
    vectors = np.load(store.link / "vectors.npy")
    np.save(store.link / "vectors.npy", np.zeros_like(vectors))
    with pytest.raises(IndexCorrupt):
        store.load(embedder.model_id)
    cache_path(store.index_dir).unlink()  # no cache either: only the damaged build could give vectors
    build_store(store, embedder)
    assert np.allclose(np.linalg.norm(store.load(embedder.model_id).vectors, axis=1), 1.0, atol=1e-4)


def test_two_corpora_side_by_side_keep_their_indexes(store: IndexStore, embedder: Embedder):
    tea = write_notes(store.root / "tea", {"tea.md": "# Tea\n\nGreen tea is steamed or pan-fired."})
    build_store(IndexStore(tea, store.index_dir, store.root, corpus="tea"), embedder)
    assert store.load(embedder.model_id).chunks


class CountingEmbedder:
    """The session model, counting the texts it is asked to embed."""

    def __init__(self, embedder: Embedder) -> None:
        self.model_id, self.dimension, self.embedder = embedder.model_id, embedder.dimension, embedder
        self.calls: list[int] = []

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        self.calls.append(len(texts))
        return self.embedder.encode(texts)


def test_the_embedding_cache_embeds_a_text_once_across_builds_and_processes(tmp_path: Path, embedder: Embedder):
    path = tmp_path / "embeddings" / "vectors.sqlite"
    cache = EmbeddingCache(embedder, path)
    first = cache.encode(["Amazon SQS", "Amazon SNS", "Amazon SQS"])
    cache.close()
    counting = CountingEmbedder(embedder)
    reused = EmbeddingCache(counting, path)  # type: ignore[arg-type]
    again = reused.encode(["Amazon SNS", "Amazon SQS", "Kinesis"])
    assert counting.calls == [1] and reused.embedded == 1  # only the new text was embedded
    np.testing.assert_array_equal(again[:2], first[[1, 0]])
    other_model = CountingEmbedder(embedder)
    other_model.model_id = "another-model"
    EmbeddingCache(other_model, path).encode(["Amazon SQS"])  # type: ignore[arg-type]
    assert other_model.calls == [1]  # keyed by model as well as text


def test_a_damaged_embedding_cache_is_left_aside_and_the_build_succeeds(store: IndexStore, embedder: Embedder):
    cache_path(store.index_dir).write_bytes(b"not a database" * 100)
    for extra in cache_path(store.index_dir).parent.glob("*-*"):  # its write-ahead log, if any
        extra.unlink()
    write_notes(store.corpus_dir, RIVERS)
    report = build_store(store, embedder)
    index = store.load(embedder.model_id)
    assert report.chunk_count == index.manifest.chunk_count == len(index.chunks)
    assert np.allclose(index.vectors, embedder.encode([c.embed_text for c in index.chunks]), atol=1e-5)
    assert cache_path(store.index_dir).read_bytes() == b"not a database" * 100  # left aside, not overwritten


def age(path: Path, seconds: float) -> None:
    """Make a folder and everything in it look last written `seconds` ago."""
    when = time.time() - seconds
    for each in [path, *path.rglob("*")]:
        os.utime(each, (when, when), follow_symlinks=False)


READER = """
import sys, time
from pathlib import Path
from bot.knowledge.index.artifacts import reading

with reading(Path(sys.argv[1])):
    print("reading", flush=True)
    sys.stdin.readline()
"""


def test_cleanup_keeps_a_retired_build_another_process_is_reading(store: IndexStore, embedder: Embedder):
    old_path = store.link.resolve()
    build_store(store, embedder)
    age(old_path, store.grace_seconds + 60)  # long retired
    args = [sys.executable, "-c", READER, str(old_path)]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    with subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env) as reader:
        assert reader.stdin is not None and reader.stdout is not None
        assert reader.stdout.readline().strip() == "reading"
        assert store.remove_leftovers() == [] and old_path.is_dir()  # before: deleted under the reader
        reader.stdin.write("done\n")
        reader.stdin.flush()
        assert reader.wait(timeout=30) == 0
    assert store.remove_leftovers() == [old_path] and not old_path.exists()


def test_concurrent_builders_build_once_and_both_find_the_index(tmp_path: Path, embedder: Embedder) -> None:
    settings = notes_settings(tmp_path)
    write_notes(tmp_path / "notes", {"tea.md": "# Tea\n\nGreen tea is steamed or pan-fired.\n"})
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda _: ensure_index(settings, embedder, announce=lambda _text: None), range(2)))
    assert sum(report is not None for report in reports) == 1
    assert open_retriever(settings, embedder, rebuild=False).chunks
