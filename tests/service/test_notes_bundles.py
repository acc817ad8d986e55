"""Real notes bundles side by side in one process: each server gets its own notes' passages, quiz items and
profile, never another's, and a swap under a stream of questions loses none."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
import pytest_asyncio

from bot.clock import FrozenClock
from bot.errors import NotFound
from bot.indexing import open_build
from bot.knowledge.answering import Answer
from bot.knowledge.embedder import Embedder
from bot.service.followups import Conversation
from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle, NotesSource
from bot.service.types import Who
from bot.settings import Settings
from bot.storage import Database
from bot.tutor import Tutor

pytestmark = pytest.mark.asyncio(loop_scope="function")

SKY_SERVER = 1
GARDEN_SERVER = 2
NEUTRAL_HINT = "Ask me something about the notes."


def open_bundle(source: NotesSource, embedder: Embedder) -> NotesBundle:
    retriever, prompts = open_build(source.folder, embedder)
    return NotesBundle(retriever, prompts, source.profile, source.build_id)


@pytest.fixture(scope="session")
def sky(sky_source: NotesSource, embedder: Embedder) -> NotesBundle:
    return open_bundle(sky_source, embedder)


@pytest.fixture(scope="session")
def garden(garden_source: NotesSource, embedder: Embedder) -> NotesBundle:
    return open_bundle(garden_source, embedder)


def sources_of(answer: Answer) -> set[str]:
    return {Path(c.source).name for c in answer.citations}


@pytest.fixture
def own_notes(garden_source: NotesSource) -> dict[int, NotesSource]:
    """Which servers have notes of their own (what the uploads' storage would say): the garden server."""
    return {GARDEN_SERVER: garden_source}


@pytest_asyncio.fixture(loop_scope="function")
async def tutor(
    tmp_path: Path, default_settings: Settings, sky: NotesBundle, own_notes: dict[int, NotesSource], embedder: Embedder
) -> AsyncIterator[Tutor]:
    """A Tutor whose default notes are the telescope notes and whose garden server has the garden notes."""

    async def resolve(guild_id: int) -> NotesSource | None:
        return own_notes.get(guild_id)

    library = NotesLibrary(sky, partial(open_bundle, embedder=embedder), resolve)
    settings = default_settings.changed(storage={"database_url": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"})
    clock = FrozenClock(datetime(2026, 3, 2, tzinfo=UTC))
    service = Tutor(settings, library, await Database.open(settings.database_url), clock)
    yield service
    await service.close()


async def test_two_servers_asking_at_once_each_get_only_their_own_notes(tutor: Tutor) -> None:
    own = {SKY_SERVER: "What is an equatorial mount?", GARDEN_SERVER: "How deep are tulip bulbs planted?"}
    files = {SKY_SERVER: {"telescopes.md"}, GARDEN_SERVER: {"garden.md"}}
    asked = [(guild, question) for _ in range(4) for guild in own for question in own.values()]
    answers = await asyncio.gather(
        *(tutor.ask(question, where=Conversation(guild, 10, n)) for n, (guild, question) in enumerate(asked))
    )
    for (guild, question), answer in zip(asked, answers, strict=True):
        assert sources_of(answer) <= files[guild], (guild, question, sources_of(answer))
        if question == own[guild]:
            assert answer.problem is None and answer.citations
    assert (await tutor.topics(GARDEN_SERVER)) == ["Bulbs"] and (await tutor.topics(SKY_SERVER)) == ["Telescopes"]


async def test_each_servers_quiz_and_passages_come_from_its_own_notes(
    tutor: Tutor, sky: NotesBundle, garden: NotesBundle
) -> None:
    round_ = await tutor.start_quiz(Who(GARDEN_SERVER, 5, "gus"), length=20)
    assert round_.prompts and all(p.id in garden.prompts for p in round_.prompts)
    assert set(await tutor.quiz_topic_sizes(GARDEN_SERVER)) <= {"Bulbs"}
    sky_chunk = next(iter(sky.chunks))
    assert (await tutor.passage(SKY_SERVER, sky_chunk)).chunk_id == sky_chunk
    with pytest.raises(NotFound):
        await tutor.passage(GARDEN_SERVER, sky_chunk)


async def test_each_bundle_reads_text_by_its_own_profile_whatever_the_process_has_active(tutor: Tutor) -> None:
    hints = await asyncio.gather(
        *(tutor.ask("   ", where=Conversation(guild, 1, 1)) for guild in (SKY_SERVER, GARDEN_SERVER) * 5)
    )
    for n, hint in enumerate(hints):  # the process's fallback is the default notes' profile: neither of these
        assert hint.problem == "empty"
        assert (hint.lead == NEUTRAL_HINT) is (n % 2 == 0), hint.lead
        assert ("tulip bulbs" in hint.lead) is (n % 2 == 1)
    assert await tutor.example_question(GARDEN_SERVER) == "How deep should tulip bulbs be planted?"
    assert await tutor.example_question(SKY_SERVER) == ""


async def test_grading_follows_the_servers_profile(sky: NotesBundle, garden: NotesBundle) -> None:
    item = next(iter(garden.prompts.values()))
    typed = replace(item, kind="cloze", answer="Acme Seed Drill", accepted=(), choices=None)
    assert garden.grade(typed, "seed drill").correct  # the garden notes drop their vendor's name
    assert not sky.grade(typed, "seed drill").correct  # the sky notes have no vendor words


async def test_a_swap_under_a_stream_of_questions_loses_none(
    tutor: Tutor, own_notes: dict[int, NotesSource], sky_source: NotesSource, garden: NotesBundle
) -> None:
    question = "How should bulbs be watered, and how deep is a tulip planted?"
    where = [Conversation(GARDEN_SERVER, 3, member) for member in range(60)]

    asking = [asyncio.create_task(tutor.ask(question, where=w)) for w in where[:30]]
    await asyncio.wait(asking[:10])  # some answered, twenty more under way
    own_notes[GARDEN_SERVER] = sky_source  # the garden server's notes are now the sky notes (stored, then swapped)
    swapped = await tutor.notes.replace(GARDEN_SERVER, sky_source)
    asking += [asyncio.create_task(tutor.ask(question, where=w)) for w in where[30:]]
    answers = await asyncio.gather(*asking)
    assert len(answers) == 60 and all(a.problem in (None, "not_covered") for a in answers)
    assert all(sources_of(a) <= {"garden.md"} or sources_of(a) <= {"telescopes.md"} for a in answers)
    assert any(sources_of(a) == {"garden.md"} for a in answers)  # the swap came while the stream was asking
    assert swapped is tutor.notes.default  # the same build as the default notes: shared, not loaded twice
    after = await tutor.ask("What is an equatorial mount?", where=where[0])
    assert sources_of(after) == {"telescopes.md"}
    assert garden.build_id not in tutor.notes.loaded()  # nobody uses the garden build any more


async def test_an_evicted_bundle_is_freed_by_reference_counting_alone(
    sky: NotesBundle, garden_source: NotesSource, embedder: Embedder
) -> None:
    """A bundle holds no reference cycle (its answer batcher included), so the library letting go of it frees it at
    once: the collector is off here, and no full collection over the bundles still held is needed to free it."""
    builds = {guild: replace(garden_source, build_id=f"garden-{guild}") for guild in (1, 2)}

    async def resolve(guild_id: int) -> NotesSource:
        return builds[guild_id]

    library = NotesLibrary(sky, partial(open_bundle, embedder=embedder), resolve, capacity=1)
    first = await library.bundle_for(1)
    assert sources_of(await first.ask("How deep is a tulip planted?")) == {"garden.md"}
    freed = weakref.ref(first)
    del first
    gc.collect()
    gc.disable()
    try:
        second = await library.bundle_for(2)  # the first bundle is evicted (capacity 1)
        assert list(library.loaded()) == ["garden-2"] and freed() is None
        assert sources_of(await second.ask("How deep is a tulip planted?")) == {"garden.md"}
    finally:
        gc.enable()
