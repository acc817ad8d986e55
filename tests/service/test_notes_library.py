"""The notes library's rules over stand-in bundles: lazy loads, one load per build, sharing, recheck, bounded
memory, atomic replacement and a failing resolver."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import cast

import pytest

from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle, NotesSource

pytestmark = pytest.mark.asyncio(loop_scope="function")


class Bundle:
    """Stands in for a NotesBundle: the library only keeps, shares and hands them out."""

    def __init__(self, build_id: str) -> None:
        self.build_id = build_id


def source(build_id: str) -> NotesSource:
    return NotesSource(build_id, Path("/nowhere") / build_id)


class World:
    """Which build each server uses (None: the default notes), the loads made, and a clock the test moves."""

    def __init__(self) -> None:
        self.uses: dict[int, str | None] = {}
        self.loads: list[str] = []
        self.asked: list[int] = []
        self.now = 0.0
        self.failing = False

    def load(self, found: NotesSource) -> NotesBundle:
        self.loads.append(found.build_id)
        return cast(NotesBundle, Bundle(found.build_id))

    async def resolve(self, guild_id: int) -> NotesSource | None:
        self.asked.append(guild_id)
        if self.failing:
            raise ConnectionError("database unreachable")
        build = self.uses.get(guild_id)
        return None if build is None else source(build)

    def library(self, capacity: int = 4) -> NotesLibrary:
        default = cast(NotesBundle, Bundle("default"))
        return NotesLibrary(default, self.load, self.resolve, capacity=capacity, clock=lambda: self.now)


async def test_servers_without_notes_of_their_own_share_the_default_bundle_and_nothing_is_loaded() -> None:
    world = World()
    library = world.library()
    assert {(await library.bundle_for(g)).build_id for g in (0, None, 5, 6)} == {"default"}
    assert world.loads == [] and library.loaded() == {}
    assert world.asked == [5, 6]  # direct messages and the terminal (0, None) never ask


async def test_a_servers_bundle_is_loaded_once_on_first_use_and_shared_by_servers_of_the_same_build() -> None:
    world = World()
    world.uses = {1: "b1", 2: "b1", 3: "b3"}
    library = world.library()
    first = await asyncio.gather(*(library.bundle_for(1) for _ in range(5)), library.bundle_for(2))
    assert {b.build_id for b in first} == {"b1"} and len({id(b) for b in first}) == 1
    assert world.loads == ["b1"]  # six concurrent requests of two servers, one load
    assert (await library.bundle_for(3)).build_id == "b3"
    assert world.loads == ["b1", "b3"] and list(library.loaded()) == ["b1", "b3"]


async def test_a_new_build_is_picked_up_once_the_answer_is_old_and_the_old_one_is_freed() -> None:
    world = World()
    world.uses = {1: "b1"}
    library = world.library()
    held = await library.bundle_for(1)
    world.uses[1] = "b2"
    assert await library.bundle_for(1) is held  # within recheck_seconds the known answer stands
    world.now += library.recheck_seconds
    assert (await library.bundle_for(1)).build_id == "b2"
    assert held.build_id == "b1"  # a request that held the old bundle keeps it
    assert list(library.loaded()) == ["b2"]  # nobody uses b1 any more
    world.now += library.recheck_seconds
    await library.bundle_for(1)
    assert world.loads == ["b1", "b2"]  # the same build id is never loaded again


async def test_at_most_capacity_server_bundles_are_held_the_least_recently_used_evicted() -> None:
    world = World()
    world.uses = {g: f"b{g}" for g in range(1, 5)}
    library = world.library(capacity=2)
    for guild in (1, 2, 1, 3):  # 2 is then the least recently used
        await library.bundle_for(guild)
    assert list(library.loaded()) == ["b1", "b3"]
    assert (await library.bundle_for(2)).build_id == "b2"  # loaded again, lazily
    assert world.loads == ["b1", "b2", "b3", "b2"] and len(library.loaded()) == 2


async def test_replace_swaps_a_server_to_another_build_and_back_to_the_default() -> None:
    world = World()
    library = NotesLibrary(cast(NotesBundle, Bundle("default")), world.load)  # no resolver: servers are told
    assert (await library.bundle_for(7)).build_id == "default"
    before = await library.bundle_for(7)
    assert (await library.replace(7, source("mine"))).build_id == "mine"
    assert (await library.bundle_for(7)).build_id == "mine" and before.build_id == "default"
    await library.replace(7, None)
    assert (await library.bundle_for(7)).build_id == "default" and library.loaded() == {}


async def test_a_failing_resolver_keeps_what_the_server_had_else_the_default() -> None:
    world = World()
    world.uses = {1: "b1"}
    library = world.library()
    await library.bundle_for(1)
    world.failing = True
    world.now += library.recheck_seconds
    assert (await library.bundle_for(1)).build_id == "b1"
    assert (await library.bundle_for(2)).build_id == "default"


async def test_invalidate_makes_the_next_request_ask_again_at_once() -> None:
    world = World()
    world.uses = {1: "b1"}
    library = world.library()
    await library.bundle_for(1)
    world.uses[1] = "b2"
    library.invalidate(1)
    assert (await library.bundle_for(1)).build_id == "b2"


async def test_a_build_that_cannot_be_loaded_fails_that_request_and_the_next_one_tries_again() -> None:
    world = World()
    world.uses = {1: "b1"}
    calls = 0

    def flaky(found: NotesSource) -> NotesBundle:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError("build folder not readable")
        return world.load(found)

    library = NotesLibrary(cast(NotesBundle, Bundle("default")), flaky, world.resolve)
    with pytest.raises(OSError, match="not readable"):
        await library.bundle_for(1)
    assert (await library.bundle_for(1)).build_id == "b1"
