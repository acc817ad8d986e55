"""A server's uploaded notes serve its members over the fake Discord: answers with citations into the uploaded file,
its quiz and daily quiz, no passage of it in another server, removal, a swap under a stream of questions, and a
second bot process on the same database that serves the new build within seconds."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from bot.clock import FrozenClock
from bot.discord.client import TutorBot
from bot.indexing import open_build
from bot.knowledge.embedder import Embedder
from bot.quiz.item import QuizItem, answer_options
from bot.service.library import RECHECK_SECONDS, NotesLibrary
from bot.service.notes import NotesBundle, NotesSource
from bot.service.types import Who
from bot.settings import REPO_ROOT, Settings
from bot.storage import Database
from bot.tutor import Tutor
from bot.uploads.builds import Builder, InlineBuilder
from bot.uploads.service import ServerNotes
from tests.conftest import private_copy
from tests.e2e.conftest import StartBot
from tests.e2e.daily_helpers import UNTIL_POST_TIME, answer, bot_posts, post_daily, post_id_of, switch_on, tick
from tests.fake_discord import BotRunner, FakeDiscord, FakeGuild, FakeMember, StoredMessage
from tests.fake_discord.messages import UploadedFile
from tests.storage.conftest import Target, target  # noqa: F401
from tests.uploads.conftest import CELLS_DOCX, TIDES_PDF, HeldBuilder

pytestmark = pytest.mark.e2e

BUILD_TIMEOUT = 600.0
QUESTION = "When do neap tides come?"
UPLOADED = {"tides.pdf", "cells.docx"}
STREAM_MEMBERS, STREAM_INTERVAL = 30, 0.5  # each member asks every 15 s: /ask allows 3 in 30 s
PICKUP_SLACK = 20.0  # seconds beyond the library's recheck for the other process to load the build on a busy machine


@dataclass
class Served:
    """A running bot serving servers' own notes: its Tutor (and notes library) and ServerNotes."""

    runner: BotRunner
    tutor: Tutor
    notes: ServerNotes
    settings: Settings  # where the servers' builds go (its index folder) and the notes they include


ServeBot = Callable[..., Awaitable[Served]]  # (database, builder=None: an InlineBuilder)


@pytest_asyncio.fixture(loop_scope="function")
async def serve_bot(
    start_bot: StartBot,
    default_bundle: NotesBundle,
    default_settings: Settings,
    default_template: Path,
    tmp_path: Path,
    embedder: Embedder,
    clock: FrozenClock,
) -> AsyncIterator[ServeBot]:
    """`await serve_bot(database[, builder])`: a TutorBot on the fake Discord over `database`, loading servers'
    builds (made by `builder`, by default in this process)."""
    settings = private_copy(default_template, tmp_path)
    tutors: list[Tutor] = []

    def load(source: NotesSource) -> NotesBundle:
        retriever, items = open_build(source.folder, embedder)
        return NotesBundle(retriever, items, source.profile, source.build_id, source.quiz_ready)

    async def serve(database: Database, builder: Builder | None = None) -> Served:
        tutor = Tutor(default_settings, NotesLibrary(default_bundle, load), database, clock)
        tutors.append(tutor)
        notes = ServerNotes(tutor.repos.notes, settings, builder or InlineBuilder(embedder), clock)
        served_notes.append(notes)
        bot = TutorBot(
            default_settings.changed(discord={"loop_seconds": 3600}),
            tutor=tutor,
            guild_ready_timeout=0.05,
            server_notes=notes,
        )
        return Served(await start_bot(bot), tutor, notes, settings)

    served_notes: list[ServerNotes] = []
    yield serve
    for notes in served_notes:
        await notes.settled()
    for tutor in tutors:
        await tutor.close()


@pytest.fixture
def stranger(fake: FakeDiscord) -> FakeMember:
    """A member of another server (which exists before the bot connects)."""
    return fake.add_member(fake.add_guild("Other Hall", channels=("general",)), "zed")


@pytest_asyncio.fixture(loop_scope="function")
async def served(
    serve_bot: ServeBot, tmp_path: Path, manager: FakeMember, member: FakeMember, stranger: FakeMember
) -> Served:
    """The bot on an SQLite database, started once the study server's manager and member and another server's
    member exist."""
    return await serve_bot(await Database.open(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"))


async def add_notes(fake: FakeDiscord, manager: FakeMember, *files: tuple[str, bytes]) -> None:
    """/notes add with these attachments, waiting for its result."""
    options = {
        f"file{n if n > 1 else ''}": UploadedFile("file", name, "", data) for n, (name, data) in enumerate(files, 1)
    }
    added = await fake.slash(manager, "notes add", **options)
    await added.wait_until(lambda: bool(added.original and added.original.embeds), "result", BUILD_TIMEOUT)
    assert added.original is not None and added.original.embeds[0]["title"].startswith("Notes added")


async def only_uploaded_notes(fake: FakeDiscord, manager: FakeMember) -> None:
    """The server's library holds its two uploaded files and not the default notes (the build's first stage)."""
    await add_notes(fake, manager, ("tides.pdf", TIDES_PDF), ("cells.docx", CELLS_DOCX))
    off = await fake.slash(manager, "notes default", state="off")
    (reply,) = await off.wait_followups(timeout=BUILD_TIMEOUT)
    assert "now off" in (reply.content or "")


async def sources_of_ask(fake: FakeDiscord, member: FakeMember, question: str = QUESTION) -> str:
    asked = await fake.slash(member, "ask", question=question)
    (reply,) = await asked.wait_followups(timeout=120)
    assert reply.embeds, reply.content
    return next((f["value"] for f in reply.embeds[0]["fields"] if f["name"] == "Sources"), "")


async def test_a_servers_upload_answers_its_members_and_no_one_else(
    fake: FakeDiscord, manager: FakeMember, member: FakeMember, stranger: FakeMember, served: Served
) -> None:
    await add_notes(fake, manager, ("tides.pdf", TIDES_PDF))
    assert "tides.pdf › Tides › Neap tides, p. 3" in await sources_of_ask(fake, member)

    elsewhere = await fake.slash(stranger, "ask", question=QUESTION)
    (theirs,) = await elsewhere.wait_followups(timeout=120)
    assert theirs.embeds and "tides.pdf" not in str(theirs.embeds)

    removed = await fake.slash(manager, "notes remove", name="tides.pdf")
    (done,) = await removed.wait_followups(timeout=BUILD_TIMEOUT)
    assert done.content.startswith("Removed tides.pdf")
    assert "tides.pdf" not in await sources_of_ask(fake, member)  # its passages left with the file


async def item_shown(served: Served, guild: FakeGuild, member: FakeMember, message: StoredMessage) -> QuizItem:
    """The quiz item a round's message shows: its buttons name the round and the question (`tutor:round:<round>:
    <question>:<choice>`); the item is checked to be one of the server's own bundle."""
    _, _, round_id, index, _ = message.buttons()[0]["custom_id"].split(":")
    item = served.tutor.quiz_round(Who(guild.id, member.user.id, member.user.name), round_id).prompts[int(index)]
    assert (await served.tutor.notes.bundle_for(guild.id)).prompts[item.id] == item
    return item


async def answer_rightly(fake: FakeDiscord, member: FakeMember, message: StoredMessage, item: QuizItem) -> dict:
    """Answer the round's question shown on `message` with the item's answer: the verdict embed."""
    if answer_options(item):
        answered = await fake.click(member, message, item.answer[:79] if len(item.answer) > 80 else item.answer)
    else:
        opened = await fake.click(member, message, "Answer")
        answered = await fake.submit_modal(member, opened, {"tutor:answer:text": item.answer})
    assert (await answered.wait_response()).type == 7  # the round's message updated in place
    return fake.message(message.id).embeds[0]


async def test_quiz_and_quiz_on_a_topic_ask_items_of_the_uploaded_files(
    fake: FakeDiscord, guild: FakeGuild, manager: FakeMember, member: FakeMember, served: Served
) -> None:
    await only_uploaded_notes(fake, manager)
    await served.notes.settled()  # the complete build, with the new files' quiz items
    topics = await served.tutor.quiz_topic_sizes(guild.id)
    assert topics, "the uploaded files give quiz items"
    rounds = ((member, {"length": 3}), (fake.add_member(guild, "bo"), {"topic": next(iter(topics)), "length": 1}))
    for who, options in rounds:  # two members: each is asked items new to them
        started = await fake.slash(who, "quiz", **options)
        await started.wait_response()
        assert started.original is not None
        asked = 0
        while (message := fake.message(started.original.id)).buttons():  # until the round's summary
            item = await item_shown(served, guild, who, message)
            assert item.source in UPLOADED, item.source
            if "topic" in options:
                assert item.topic == options["topic"]
            verdict = await answer_rightly(fake, who, message, item)
            assert verdict["title"].startswith("Correct!")
            source = next(f["value"] for f in verdict["fields"] if f["name"] == "Source")
            assert item.source in source  # cited into the uploaded file
            asked += 1
        assert 1 <= asked <= options["length"], (options, message.content)
        assert message.embeds[-1]["title"] == "Round finished"


async def test_the_daily_quiz_of_a_server_with_only_its_own_notes_comes_from_them(
    fake: FakeDiscord, guild: FakeGuild, manager: FakeMember, member: FakeMember, served: Served, clock: FrozenClock
) -> None:
    await only_uploaded_notes(fake, manager)
    await served.notes.settled()
    await switch_on(served.runner, guild)
    post = await post_daily(fake, served.runner, guild, clock)
    posted = await served.tutor.daily_quiz(post_id_of(post))
    assert posted.prompt.source in UPLOADED
    assert posted.prompt.question in str(post.embeds)
    assert (await answer(fake, member, post, True, served.runner)).startswith("Correct!")


async def test_while_the_quiz_items_are_made_the_quiz_says_so_and_the_daily_quiz_waits(
    fake: FakeDiscord,
    guild: FakeGuild,
    manager: FakeMember,
    member: FakeMember,
    serve_bot: ServeBot,
    tmp_path: Path,
    embedder: Embedder,
    clock: FrozenClock,
) -> None:
    held = HeldBuilder(embedder)  # second stages wait until released
    served = await serve_bot(await Database.open(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"), held)
    await only_uploaded_notes(fake, manager)  # first stages: no earlier build had items of these files
    assert "tides.pdf" in await sources_of_ask(fake, member)  # answers come from the new files at once
    quiz = await (await fake.slash(member, "quiz")).wait_response()
    assert quiz.ephemeral and "still being made" in quiz.content
    listed = await (await fake.slash(manager, "notes list")).wait_response()
    assert "quiz questions are still being made" in listed.embeds[0]["description"]
    await switch_on(served.runner, guild)
    clock.advance(UNTIL_POST_TIME)
    await tick(served.runner)
    assert bot_posts(fake, guild.text_channels[1].id) == []  # nothing to post yet: tried again at the next tick

    held.released.set()
    await served.notes.settled()
    await tick(served.runner)
    posted = await served.tutor.daily_quiz(post_id_of(await fake.wait_bot_message(guild.text_channels[1])))
    assert posted.prompt.source in UPLOADED
    started = await fake.slash(member, "quiz", length=1)
    await started.wait_response()
    assert started.original is not None
    assert (await item_shown(served, guild, member, fake.message(started.original.id))).source in UPLOADED


async def test_a_swap_under_a_stream_of_questions_answers_every_one(
    fake: FakeDiscord, guild: FakeGuild, manager: FakeMember, served: Served
) -> None:
    members = [fake.add_member(guild, f"m{n}") for n in range(STREAM_MEMBERS)]  # each asks within /ask's rate limit
    later = [fake.add_member(guild, f"late{n}") for n in range(4)]
    uploading = asyncio.ensure_future(add_notes(fake, manager, ("tides.pdf", TIDES_PDF)))
    asked: list[asyncio.Future[str]] = []
    completing: asyncio.Future[None] | None = None  # the second stage, swapped in under the stream too
    while completing is None or not completing.done() or len(asked) < 8:
        asked.append(asyncio.ensure_future(sources_of_ask(fake, members[len(asked) % len(members)])))
        await asyncio.sleep(STREAM_INTERVAL)
        if completing is None and uploading.done():
            completing = asyncio.ensure_future(served.notes.settled())
    await uploading
    assert (await served.notes.source(guild.id)).complete  # type: ignore[union-attr]
    for member in later:  # and a few after the swap
        asked.append(asyncio.ensure_future(sources_of_ask(fake, member)))
    sources = await asyncio.gather(*asked)  # every question answered (an error would fail here or at the end)
    assert len(sources) >= 12
    assert "tides.pdf" in sources[-1]  # the new build serves once it is swapped in
    assert any("tides.pdf" not in s for s in sources[:4])  # the old one served while it was built


@pytest.mark.slow
async def test_another_bot_process_on_the_same_database_serves_a_new_upload_within_seconds(
    fake: FakeDiscord,
    guild: FakeGuild,
    manager: FakeMember,
    serve_bot: ServeBot,
    target: Target,  # noqa: F811
) -> None:
    served = await serve_bot(await target.open())
    shard = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.e2e.notes_shard",
            str(served.settings.paths.root),
            target.url,
            target.schema or "",
            str(guild.id),
            QUESTION,
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    try:
        lines = Lines(shard)
        before = await lines.next()
        assert before and "tides.pdf" not in before["sources"]  # the other process serves the default notes
        await add_notes(fake, manager, ("tides.pdf", TIDES_PDF))
        recorded = time.monotonic()
        while "tides.pdf" not in (answer := await lines.next())["sources"]:
            assert answer["at"] - recorded < RECHECK_SECONDS + PICKUP_SLACK, "the other process never served it"
        assert answer["at"] - recorded < RECHECK_SECONDS + PICKUP_SLACK
    finally:
        shard.kill()
        shard.wait()


class Lines:
    """The other process's answers, one JSON line each, read off the event loop."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._process = process

    async def next(self) -> dict:
        assert self._process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(self._process.stdout.readline), BUILD_TIMEOUT)
        assert line, f"the other process stopped (exit code {self._process.poll()})"
        return json.loads(line)
