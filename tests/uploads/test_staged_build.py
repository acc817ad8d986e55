"""A server's build in two stages: first searchable, with the learned models and unchanged files' quiz items of an
earlier build, then complete; each stage recorded, listed and served, and a first stage left alone completed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.indexing import index_store
from bot.knowledge.answerability import ANSWER_MODEL_FILE
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.artifacts import read_chunks
from bot.knowledge.reranking import RERANK_MODEL_FILE
from bot.quiz.item import PROMPTS_FILE, QuizItem, load_prompts
from bot.storage import Database, Repositories
from bot.uploads.builds import InlineBuilder
from bot.uploads.retry import BuildRetry
from bot.uploads.service import ServerNotes
from tests.conftest import private_copy
from tests.storage.conftest import T0
from tests.upload_files import docx_bytes
from tests.uploads.conftest import CELLS_DOCX, GUILD, TIDES_PDF, HeldBuilder

CELLS_MORE = docx_bytes(  # cells.docx changed: one more organelle
    [
        ("heading", (1, "Cells")),
        ("paragraph", "Every cell is wrapped in a membrane that controls what enters and leaves."),
        ("heading", (2, "Organelles")),
        ("bullet", "Mitochondria release energy from glucose as ATP."),
        ("bullet", "Ribosomes assemble proteins from amino acids."),
        ("bullet", "Lysosomes break down worn-out parts of the cell."),
    ]
)

pytestmark = pytest.mark.asyncio(loop_scope="function")


def items_in(folder: Path) -> list[QuizItem]:
    return load_prompts(folder / PROMPTS_FILE)


def item_sources(folder: Path) -> set[str]:
    return {item.source for item in items_in(folder)}


async def test_the_first_stage_is_searchable_with_the_default_notes_models(notes: ServerNotes) -> None:
    outcome = await notes.add(GUILD, [("cells.docx", CELLS_DOCX)], 7)
    assert outcome.build is not None and not outcome.build.complete
    first = await notes.source(GUILD)
    assert first is not None and not first.complete and first.build_id == outcome.build.build_id
    default = index_store(notes._settings).current()
    assert default is not None
    for model in (RERANK_MODEL_FILE, ANSWER_MODEL_FILE):  # lent by the default notes' build
        assert (first.folder / model).read_bytes() == (default / model).read_bytes()
    assert "cells.docx" not in item_sources(first.folder)  # a new file's items come with the second stage
    listing = await notes.listing(GUILD)
    assert listing.up_to_date and not listing.quiz_ready

    await notes.settled(GUILD)
    complete = await notes.source(GUILD)
    assert complete is not None and complete.complete and complete.build_id != first.build_id
    assert "cells.docx" in item_sources(complete.folder)
    assert [c.chunk_id for c in read_chunks(complete.folder)] == [c.chunk_id for c in read_chunks(first.folder)]
    assert (await notes.listing(GUILD)).quiz_ready


async def test_a_change_carries_only_the_items_of_files_it_left_unchanged(notes: ServerNotes) -> None:
    await notes.add(GUILD, [("cells.docx", CELLS_DOCX)], 7)
    await notes.settled(GUILD)
    before = await notes.source(GUILD)
    assert before is not None and item_sources(before.folder) == {"cells.docx"}
    added = await notes.add(GUILD, [("tides.pdf", TIDES_PDF)], 7)
    assert added.build is not None and not added.build.complete
    assert items_in(added.build.folder) == items_in(before.folder)  # from the server's previous build, unchanged
    await notes.settled(GUILD)

    changed = await notes.add(GUILD, [("cells.docx", CELLS_MORE)], 7)
    assert changed.build is not None and "cells.docx" not in item_sources(changed.build.folder)
    await notes.settled(GUILD)
    again = await notes.source(GUILD)
    assert again is not None and "cells.docx" in item_sources(again.folder)
    removed = await notes.remove(GUILD, "cells.docx")
    assert removed is not None and not removed.complete and item_sources(removed.folder) == set()


async def test_a_first_stage_never_replaces_the_complete_build_of_its_revision(notes: ServerNotes) -> None:
    await notes.add(GUILD, [("tides.pdf", TIDES_PDF)], 7)
    await notes.settled(GUILD)
    library = await notes._repo.library(GUILD)
    assert library.build_complete and library.build_id is not None
    late = await notes._repo.record_build(GUILD, library.revision, "101/late-first-stage", {}, T0, complete=False)
    assert not late and (await notes._repo.library(GUILD)).build_id == library.build_id


async def test_a_crashed_second_stage_is_tried_again(
    default_template: Path, tmp_path: Path, embedder: Embedder
) -> None:
    settings = private_copy(default_template, tmp_path)
    db = await Database.open(settings.database_url)
    builder = HeldBuilder(embedder, crashes=1)
    notes = ServerNotes(Repositories.over(db).notes, settings, builder, FrozenClock(T0), retry=BuildRetry((0.0,)))
    try:
        await notes.add(GUILD, [("tides.pdf", TIDES_PDF)], 7)
        builder.released.set()
        await notes.settled(GUILD)
        source = await notes.source(GUILD)
        assert builder.complete_builds == 2 and source is not None and source.complete
    finally:
        await notes.settled()
        await db.close()


async def test_a_second_stage_that_keeps_crashing_is_listed_and_tried_once_more_later(
    default_template: Path, tmp_path: Path, embedder: Embedder
) -> None:
    settings = private_copy(default_template, tmp_path)
    db = await Database.open(settings.database_url)
    clock, grace = FrozenClock(T0), timedelta(minutes=5)
    builder = HeldBuilder(embedder, crashes=2)
    notes = ServerNotes(
        Repositories.over(db).notes, settings, builder, clock, retry=BuildRetry((0.0,)), completion_grace=grace
    )
    try:
        await notes.add(GUILD, [("tides.pdf", TIDES_PDF)], 7)
        builder.released.set()
        await notes.settled(GUILD)  # both attempts of the second stage crash
        listing = await notes.listing(GUILD)
        assert builder.complete_builds == 2 and listing.up_to_date and listing.build_failed_at is None
        assert listing.quiz_failed_at == T0 and not listing.quiz_ready
        first = await notes.source(GUILD)
        assert first is not None and not first.complete  # answers still come from the new file

        clock.advance(grace)
        await notes.source(GUILD)  # left without its second stage for the grace: tried once more
        await notes.settled(GUILD)
        listing = await notes.listing(GUILD)
        assert builder.complete_builds == 3 and listing.quiz_ready and listing.quiz_failed_at is None
    finally:
        await notes.settled()
        await db.close()


async def test_a_first_stage_left_alone_is_completed_by_the_next_process(
    default_template: Path, tmp_path: Path, embedder: Embedder
) -> None:
    settings = private_copy(default_template, tmp_path)
    db = await Database.open(settings.database_url)
    clock = FrozenClock(T0)
    try:
        held = HeldBuilder(embedder)
        dying = ServerNotes(Repositories.over(db).notes, settings, held, clock)
        await dying.add(GUILD, [("cells.docx", CELLS_DOCX)], 7)
        dying.close()  # the process stops between the stages: its second stage never runs
        await dying.settled()
        assert held.complete_builds == 0

        grace = timedelta(minutes=5)
        later = ServerNotes(
            Repositories.over(db).notes, settings, InlineBuilder(embedder), clock, completion_grace=grace
        )
        first = await later.source(GUILD)
        assert first is not None and not first.complete  # served as it is; its own process may still complete it
        await later.settled(GUILD)
        assert await later.source(GUILD) == first
        clock.advance(grace)
        await later.source(GUILD)  # left alone for the grace: this process completes it
        await later.settled(GUILD)
        complete = await later.source(GUILD)
        assert complete is not None and complete.complete and "cells.docx" in item_sources(complete.folder)
        listing = await later.listing(GUILD)
        assert listing.up_to_date and listing.quiz_ready
    finally:
        await db.close()


async def test_the_command_lines_source_waits_for_the_second_stage_under_way(notes: ServerNotes) -> None:
    await notes.add(GUILD, [("cells.docx", CELLS_DOCX)], 7)
    source = await notes.ensure_source(GUILD)
    assert source is not None and source.complete and "cells.docx" in item_sources(source.folder)
