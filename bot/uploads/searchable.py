"""The first stage of a server's build: its passages searchable at once, with what an earlier build learned.

A server's build is published in two stages (`bot.uploads.service`). The first holds the new notes' chunks,
vectors, dense and sparse indexes, and, instead of what is slow to make, what a *donor* build already made:

- the reranker and the answer model, copied: they are logistic regressions over named, notes-agnostic measures
  (term overlaps, scores, coverage), so the models trained on the donor's notes rank and decide on these notes too
  until the second stage's, trained on these notes, replace them;
- the donor's quiz items of every file whose passages are unchanged (the same chunk ids and line spans in both
  builds): an item's answer and lines are then still where it says. Items of new, changed or removed files are
  not carried; the second stage makes the full set.

The donor is the server's previous build, else the default notes' current build.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from bot.indexing import DERIVED_FROM_FILE, ArtifactWriter, derived_from_writer
from bot.knowledge.answerability import ANSWER_MODEL_FILE
from bot.knowledge.chunking import Chunk
from bot.knowledge.index.artifacts import CHUNKS_FILE, read_chunks
from bot.knowledge.index.builder import BuildContext
from bot.knowledge.reranking import RERANK_MODEL_FILE
from bot.quiz.item import PROMPTS_FILE, load_prompts, save_prompts

DONOR_FILES = (PROMPTS_FILE, RERANK_MODEL_FILE, ANSWER_MODEL_FILE)  # what a donor build must hold
REUSED_FROM = "reused-from.json"  # in a first-stage build: the donor's folder and the items carried


def can_donate(folder: Path) -> bool:
    """Whether `folder` is a build holding its chunks, quiz items, reranker and answer model."""
    return all((folder / name).is_file() for name in (*DONOR_FILES, CHUNKS_FILE))


def file_spans(chunks: Iterable[Chunk]) -> dict[str, frozenset[tuple[str, int, int]]]:
    """Each file's passages as (chunk id, first line, last line): equal for two builds when the file is unchanged."""
    spans: defaultdict[str, set[tuple[str, int, int]]] = defaultdict(set)
    for chunk in chunks:
        spans[chunk.source].add((chunk.chunk_id, chunk.start_line, chunk.end_line))
    return {source: frozenset(found) for source, found in spans.items()}


def carried_prompts(donor: Path) -> ArtifactWriter:
    """Writes the donor's quiz items of the files unchanged in the build being made."""

    def write(context: BuildContext) -> None:
        before, now = file_spans(read_chunks(donor)), file_spans(context.chunks)
        unchanged = {source for source, spans in now.items() if before.get(source) == spans}
        save_prompts(
            context.folder / PROMPTS_FILE,
            [item for item in load_prompts(donor / PROMPTS_FILE) if item.source in unchanged],
        )

    return write


def reuse_record(donor: Path) -> ArtifactWriter:
    """Writes what the build took from where: the donor's folder and how many quiz items it carried."""

    def write(context: BuildContext) -> None:
        carried = len(load_prompts(context.folder / PROMPTS_FILE))
        reused = {"donor": str(donor), "models": [RERANK_MODEL_FILE, ANSWER_MODEL_FILE], "quiz_items": carried}
        (context.folder / REUSED_FROM).write_text(json.dumps(reused), encoding="utf-8")

    return write


def copied(donor: Path, name: str) -> ArtifactWriter:
    """Writes the donor's file `name` (a trained model) unchanged."""

    def write(context: BuildContext) -> None:
        shutil.copyfile(donor / name, context.folder / name)

    return write


def searchable_artifacts(donor: Path, derived: dict[str, str]) -> dict[str, ArtifactWriter]:
    """What a first-stage build writes beside its index, in place of `bot.indexing.notes_artifacts`."""
    return {
        PROMPTS_FILE: carried_prompts(donor),
        REUSED_FROM: reuse_record(donor),  # after the prompts, which it counts
        RERANK_MODEL_FILE: copied(donor, RERANK_MODEL_FILE),
        ANSWER_MODEL_FILE: copied(donor, ANSWER_MODEL_FILE),
        DERIVED_FROM_FILE: derived_from_writer(derived),
    }
