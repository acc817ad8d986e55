"""Build and open the notes index with everything built beside it (the quiz prompts).

This sits above bot/knowledge and bot/quiz because it combines them; front ends and the service call it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from bot.errors import IndexBuildFailed, IndexMissing, IndexStale, NotesIndexError
from bot.knowledge.abstention import NotesLexicon
from bot.knowledge.answer_training import train
from bot.knowledge.answerability import ANSWER_MODEL_FILE
from bot.knowledge.chunking import ChunkerSettings
from bot.knowledge.corpus import Document, corpus_hash, documents_hash, load_corpus
from bot.knowledge.coverage import TermWeights
from bot.knowledge.embedder import Embedder
from bot.knowledge.errata import ERRATA_FILE
from bot.knowledge.index.artifacts import NotesIndex, load_build
from bot.knowledge.index.builder import ArtifactWriter, BuildContext, BuildReport, NotesBuild, build
from bot.knowledge.index.embeddings import EmbeddingCache, cache_path
from bot.knowledge.index.store import IndexStore
from bot.knowledge.profile import PROFILE_FILE, CorpusProfile, activate, active_profile, load_profile
from bot.knowledge.rerank_training import train_reranker
from bot.knowledge.reranking import RERANK_MODEL_FILE, Reranker
from bot.knowledge.retriever import Retriever
from bot.quiz.generation import generate_prompts
from bot.quiz.item import PROMPTS_FILE, QuizItem, load_prompts, save_prompts
from bot.settings import Settings
from bot.storage.failures import is_disk_full

log = logging.getLogger(__name__)

DISK_FULL_LAST_GOOD = (
    "The disk is full, so the notes index could not be rebuilt for the changed notes: running on the last good "
    "index (built {built}) until `tutorbot build-index` succeeds."
)
DISK_FULL_NO_INDEX = "The disk is full, so the notes index could not be built; free some space and start again."
DISK_FULL_BUILD = "The disk is full, so the notes index was not rebuilt; the previous index is unchanged."


def index_store(settings: Settings) -> IndexStore:
    return IndexStore(settings.paths.corpus_dir, settings.paths.index_dir, settings.paths.root)


def embedding_cache(settings: Settings, embedder: Embedder) -> EmbeddingCache:
    """The embedding cache shared by every build under the settings' index folder (default and servers' notes)."""
    return EmbeddingCache(embedder, cache_path(settings.paths.index_dir))


def write_prompts(context: BuildContext) -> None:
    """Writes the quiz prompts generated from the chunks into the build folder (terms embedded through the
    build's embedding cache, so a term any earlier build embedded is not embedded again), none from a line the
    profile's errata mark out of date; warns of each erratum that matches no line of the notes."""
    source_lines = {d.source: d.lines for d in context.documents}
    errata = active_profile().errata
    for stale in errata.unmatched(source_lines.values()):
        log.warning("%s: no line of the notes holds %r; the entry does nothing", ERRATA_FILE, stale.match)
    prompts = generate_prompts(context.chunks, context.cache.encode, source_lines, outdated=errata)
    save_prompts(context.folder / PROMPTS_FILE, prompts)


def write_reranker(context: BuildContext) -> None:
    """Trains the reranker on questions generated from the notes being built, and stores it."""
    retriever = Retriever(context.index(), context.embedder, analysis=context.analysis)
    model = train_reranker(retriever, TermWeights.of(retriever.analysis))
    model.save(context.folder / RERANK_MODEL_FILE)
    log.info("reranker: %s", ", ".join(f"{k} {v:.3f}" for k, v in model.report.items()))


def write_answer_model(context: BuildContext) -> None:
    """Trains the answerability model on questions generated from the notes being built (searched with the
    reranker written before it), and stores it."""
    reranker = Reranker.load(context.folder / RERANK_MODEL_FILE)
    retriever = Retriever(context.index(), context.embedder, reranker=reranker, analysis=context.analysis)
    model = train(retriever, NotesLexicon.of_retriever(retriever), TermWeights.of(retriever.analysis))
    model.save(context.folder / ANSWER_MODEL_FILE)
    log.info("answer model: %s", ", ".join(f"{k} {v:.3f}" for k, v in model.report.items()))


@contextmanager
def build_lock(settings: Settings) -> Iterator[None]:
    """One build at a time per index folder, across processes (a second builder waits, then finds it current)."""
    settings.paths.index_dir.mkdir(parents=True, exist_ok=True)
    folder = os.open(settings.paths.index_dir, os.O_RDONLY)  # the folder itself is locked: no lock file left behind
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # closing releases the lock


def open_profile(settings: Settings) -> CorpusProfile:
    """The profile beside the settings' notes (neutral without one), made the one the text rules follow."""
    profile = load_profile(settings.paths.corpus_dir)
    activate(profile)
    return profile


CODE_CHANGED = "This tutorbot makes quiz prompts and answer decisions differently from the one that built the index."
DERIVED_FROM_FILE = "derived-from.json"  # what the quiz prompts and the answer model were made with


def profile_hash(settings: Settings) -> str:
    """SHA-256 of the notes' profile.toml followed by their errata.toml ('' without either; without errata, the
    profile's own hash): the quiz prompts depend on both."""
    profile, errata = (settings.paths.corpus_dir / name for name in (PROFILE_FILE, ERRATA_FILE))
    if not profile.is_file() and not errata.is_file():
        return ""
    digest = hashlib.sha256(profile.read_bytes() if profile.is_file() else b"")
    if errata.is_file():
        digest.update(errata.read_bytes())
    return digest.hexdigest()


@cache
def code_hash() -> str:
    """SHA-256 of the code that turns chunks into quiz prompts and the answer model (bot/quiz, bot/knowledge):
    an upgraded tutorbot that generates or decides differently makes them again, reusing the notes' vectors."""
    package = Path(__file__).parent
    return source_hash(package, [package / "quiz", package / "knowledge"])


def source_hash(root: Path, folders: list[Path]) -> str:
    """SHA-256 over the names (relative to `root`) and bytes of every .py file under `folders`, in name order."""
    digest = hashlib.sha256()
    for path in sorted(path for folder in folders for path in folder.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def derived_from(settings: Settings) -> dict[str, str]:
    """What the derived artifacts depend on besides the chunks: {"profile": sha256, "code": sha256}."""
    return {"profile": profile_hash(settings), "code": code_hash()}


def derived_from_writer(derived: dict[str, str]) -> ArtifactWriter:
    def write(context: BuildContext) -> None:
        (context.folder / DERIVED_FROM_FILE).write_text(json.dumps(derived), encoding="utf-8")

    return write


def notes_artifacts(derived: dict[str, str]) -> dict[str, ArtifactWriter]:
    """What every build writes beside the index: quiz prompts, reranker, answer model, what they derive from."""
    return {
        PROMPTS_FILE: write_prompts,
        RERANK_MODEL_FILE: write_reranker,  # before the answer model, which searches with it
        ANSWER_MODEL_FILE: write_answer_model,
        DERIVED_FROM_FILE: derived_from_writer(derived),
    }


def _build(settings: Settings, embedder: Embedder, progress: bool) -> BuildReport:
    open_profile(settings)
    plan = NotesBuild(
        load_corpus(settings.paths.corpus_dir, settings.paths.root),
        corpus_hash(settings.paths.corpus_dir, settings.paths.root),
        notes_artifacts(derived_from(settings)),
    )
    return _build_with_cache(index_store(settings), plan, embedding_cache(settings, embedder), progress)


def _build_with_cache(store: IndexStore, plan: NotesBuild, cache: EmbeddingCache, progress: bool) -> BuildReport:
    try:
        return build(store, plan, cache, progress=progress)
    finally:
        cache.close()


Artifacts = Callable[[dict[str, str]], dict[str, ArtifactWriter]]  # what a build writes beside its index, given
# what those files derive from (`derived_from`)


def build_documents(
    store: IndexStore,
    cache: EmbeddingCache,
    documents: Sequence[Document],
    profile: tuple[CorpusProfile, str],
    artifacts: Artifacts = notes_artifacts,
) -> BuildReport:
    """Build the index of `documents` (notes not from a folder, such as a server's uploads) into `store`, with
    `artifacts` beside it (by default everything: quiz items, reranker, answer model), under `profile` (the profile
    and its profile.toml's hash, '' for none); only texts `cache` does not hold are embedded (the cache is closed
    afterwards). Makes the new build current atomically."""
    activate(profile[0])
    derived = {"profile": profile[1], "code": code_hash()}
    plan = NotesBuild(documents, documents_hash(documents), artifacts(derived))
    return _build_with_cache(store, plan, cache, progress=False)


def build_index(settings: Settings, embedder: Embedder, progress: bool = False) -> BuildReport:
    """Build (incrementally) the index of the settings' corpus with its quiz prompts; make it current atomically."""
    with build_lock(settings):
        return _build(settings, embedder, progress)


def ensure_index(
    settings: Settings, embedder: Embedder, progress: bool = False, announce: Callable[[str], None] = log.warning
) -> BuildReport | None:
    """Build the index unless it is current (checked again once any build in progress has finished)."""
    with build_lock(settings):
        problem = index_problem(settings, embedder)
        if problem is None:
            return None
        announce(rebuild_notice(problem, settings))
        return _build(settings, embedder, progress)


def rebuild_notice(problem: NotesIndexError, settings: Settings) -> str:
    """One plain line saying why the index is being built, for a person waiting on it."""
    if isinstance(problem, IndexMissing):
        return f"Building the notes index from {settings.paths.corpus_dir} (once; later runs embed only changed notes)…"
    if isinstance(problem, IndexStale):
        return f"{problem} Updating the notes index (only changed notes are embedded again)…"
    log.info("rebuilding the index: %s", problem)
    return "The notes index is damaged; building it again…"


def _require_prompts(folder: Path, settings: Settings) -> None:
    _require_artifacts(folder)
    built_with = _read_derived_from(folder)
    wanted = derived_from(settings)
    if built_with.get("profile") != wanted["profile"]:
        raise IndexStale(f"The notes' {PROFILE_FILE} or {ERRATA_FILE} changed since the index was built.")
    if built_with.get("code") != wanted["code"]:
        raise IndexStale(CODE_CHANGED)


def _require_artifacts(folder: Path) -> None:
    """IndexStale unless the build holds the quiz prompts, the answer model and a readable reranker."""
    if not (folder / PROMPTS_FILE).is_file():
        raise IndexStale("The index has no quiz prompts (built by an older tutorbot).")
    for model, name in ((ANSWER_MODEL_FILE, "answer model"), (RERANK_MODEL_FILE, "reranker")):
        if not (folder / model).is_file():
            raise IndexStale(f"The index has no {name} (built by an older tutorbot).")
    Reranker.load(folder / RERANK_MODEL_FILE)  # IndexCorrupt, so rebuilt, when made for other measures


def _read_derived_from(folder: Path) -> dict[str, str]:
    """The recorded inputs of the derived artifacts; {} for an index built before they were recorded."""
    try:
        recorded = json.loads((folder / DERIVED_FROM_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def index_problem(settings: Settings, embedder: Embedder) -> NotesIndexError | None:
    """Why the current index cannot be used as it is (missing, stale, corrupt), or None when it can."""
    store = index_store(settings)
    try:
        store.check(embedder.model_id, ChunkerSettings())
        _require_prompts(store.link, settings)
    except NotesIndexError as problem:
        return problem
    return None


def load_index(settings: Settings, embedder: Embedder, notes_changed_ok: bool = False) -> NotesIndex:
    """The current index with everything built beside it, or the reason it cannot be used.

    `notes_changed_ok` accepts the last good build of older notes (see `last_good_index`).
    """
    index = index_store(settings).load(embedder.model_id, notes_changed_ok=notes_changed_ok)
    _require_prompts(index.path, settings)
    return index


def last_good_index(settings: Settings, embedder: Embedder) -> NotesIndex | None:
    """The current build when it is usable but for notes changed since (same model and format), else None."""
    try:
        return load_index(settings, embedder, notes_changed_ok=True)
    except NotesIndexError:
        return None


def built_on(index: NotesIndex) -> str:
    """When the build was made, in UTC, for a person (`2026-11-30 15:50 UTC`)."""
    if index.manifest is None:
        raise ValueError("an index still being built has no build time")
    return datetime.fromtimestamp(index.manifest.built_at, UTC).strftime("%Y-%m-%d %H:%M UTC")


def open_retriever(settings: Settings, embedder: Embedder, rebuild: bool = True) -> Retriever:
    """A retriever over the current index; a missing, stale or corrupt index is rebuilt once when allowed.

    When the disk is too full to write the rebuild, the last good index (of older notes) is used and one line
    says so (logged as an error; `tutorbot doctor` reports it too). Without one, IndexBuildFailed.
    The notes' profile becomes the process's (`open_profile`): for tools that work on these notes alone.
    """
    retriever = open_notes(settings, embedder, rebuild)[0]
    open_profile(settings)
    return retriever


def open_notes(settings: Settings, embedder: Embedder, rebuild: bool = True) -> tuple[Retriever, list[QuizItem]]:
    """The retriever and quiz prompts of the settings' notes, as `open_retriever` opens them, without making
    their profile the process's (the service serves it with the notes: `bot.service.notes.NotesBundle`)."""
    try:
        index = load_index(settings, embedder)
    except NotesIndexError:
        if not rebuild:
            raise
        index = _rebuilt_or_last_good(settings, embedder)
    return _warm(retriever_of(index, embedder)), load_prompts(index.path / PROMPTS_FILE)


def open_build(folder: Path, embedder: Embedder) -> tuple[Retriever, list[QuizItem]]:
    """The retriever and quiz prompts of one index build folder (e.g. a server's own notes), read as it is.

    Checked by its manifest (`index.artifacts.load_build`: format, model, every artifact's SHA-256) and for its prompts
    and models, not against any notes folder: IndexStale / IndexCorrupt say what is wrong.
    """
    index = load_build(folder, embedder.model_id)
    _require_artifacts(index.path)
    return _warm(retriever_of(index, embedder)), load_prompts(index.path / PROMPTS_FILE)


def _warm(retriever: Retriever) -> Retriever:
    retriever.warm_up()
    return retriever


def retriever_of(index: NotesIndex, embedder: Embedder) -> Retriever:
    """A retriever over `index` with the reranker built beside it (IndexCorrupt when that is unreadable)."""
    return Retriever(index, embedder, reranker=Reranker.load(index.path / RERANK_MODEL_FILE))


def _rebuilt_or_last_good(settings: Settings, embedder: Embedder) -> NotesIndex:
    try:
        ensure_index(settings, embedder)
    except OSError as error:
        if not is_disk_full(error):
            raise
        last_good = last_good_index(settings, embedder)
        if last_good is None:
            raise IndexBuildFailed(DISK_FULL_NO_INDEX) from error
        log.error(DISK_FULL_LAST_GOOD.format(built=built_on(last_good)))
        return last_good
    return load_index(settings, embedder)
