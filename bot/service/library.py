"""The notes library: which notes bundle serves each server, loaded lazily, bounded, swapped atomically.

Servers without notes of their own share the default bundle. Which notes a server uses is told by a *resolver*
(guild id -> `NotesSource`, or None for the default notes), asked the first time a server is seen and again once
its answer is `recheck_seconds` old, so a build made by another process is picked up within that time; a build id
already loaded is never loaded again. At most `capacity` server bundles are held, the least recently used evicted;
two servers whose sources share a build id share one bundle. A swap (`replace`, or the resolver naming a new build)
changes only which bundle the next request gets: a request keeps the bundle it started with.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.service.notes import NotesBundle, NotesSource

log = logging.getLogger(__name__)

Resolver = Callable[[int], Awaitable[NotesSource | None]]  # guild id -> its own notes, None: the default notes
Loader = Callable[[NotesSource], NotesBundle]  # builds a bundle from an index build folder (run in a worker thread)

DEFAULT_CAPACITY = 32  # server bundles held in memory at most (the default bundle is always held)
RECHECK_SECONDS = 5.0  # a server's resolved notes are asked for again once this old
GUILDS_REMEMBERED = 100_000  # servers whose resolved source is remembered (a few hundred bytes each)


@dataclass(frozen=True)
class _Resolved:
    source: NotesSource | None  # None: the default notes
    at: float  # monotonic seconds


class NotesLibrary:
    """Hands out the notes bundle of each server (`bundle_for`); see the module docstring for the rules.

    `loader` is needed only when servers have notes of their own (a resolver or `replace`); `clock` gives
    monotonic seconds (injected in tests).
    """

    def __init__(
        self,
        default: NotesBundle,
        loader: Loader | None = None,
        resolver: Resolver | None = None,
        *,
        capacity: int = DEFAULT_CAPACITY,
        recheck_seconds: float = RECHECK_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity < 1:
            raise ValueError("a notes library holds at least one server bundle")
        self.default = default
        self._loader = loader
        self._resolver = resolver
        self.capacity = capacity
        self.recheck_seconds = recheck_seconds
        self._clock = clock
        self._guilds: OrderedDict[int, _Resolved] = OrderedDict()
        self._bundles: OrderedDict[str, NotesBundle] = OrderedDict()
        self._loading: dict[str, asyncio.Future[NotesBundle]] = {}

    def set_resolver(self, resolver: Resolver | None) -> None:
        """Tell the library where servers' own notes are (None: every server uses the default notes)."""
        self._resolver = resolver
        self._guilds.clear()

    async def bundle_for(self, guild_id: int | None) -> NotesBundle:
        """The bundle serving `guild_id` (0 or None: direct messages and the terminal, the default notes).

        Loads the server's bundle in a worker thread the first time (NotesIndexError when its build cannot be
        read); a resolver that fails is logged and the server keeps what it had (else the default notes).
        """
        if not guild_id:
            return self.default
        resolved = self._guilds.get(guild_id)
        resolver = self._resolver
        if resolver is not None and (resolved is None or self._clock() - resolved.at >= self.recheck_seconds):
            resolved = await self._resolve(resolver, guild_id, resolved)
        if resolved is None or resolved.source is None:
            return self.default
        self._guilds.move_to_end(guild_id)
        return await self._load(resolved.source)

    async def replace(self, guild_id: int, source: NotesSource | None) -> NotesBundle:
        """Serve `source` (None: the default notes) to the server from now on: loaded first (in a worker thread),
        then swapped in with one assignment; questions already under way finish on the bundle they started with."""
        bundle = self.default if source is None else await self._load(source)
        previous = self._guilds.get(guild_id)
        self._remember(guild_id, _Resolved(source, self._clock()))
        if previous is not None and previous.source is not None:
            self._drop_if_unused(previous.source.build_id)
        return bundle

    def invalidate(self, guild_id: int) -> None:
        """Forget what the server uses: its next request asks the resolver again (e.g. on a build notification)."""
        self._guilds.pop(guild_id, None)

    def loaded(self) -> dict[str, NotesBundle]:
        """The server bundles held now, by build id, least recently used first (the default bundle not included)."""
        return dict(self._bundles)

    # -- parts -------------------------------------------------------------------------------------------------
    async def _resolve(self, resolver: Resolver, guild_id: int, known: _Resolved | None) -> _Resolved | None:
        try:
            source = await resolver(guild_id)
        except Exception:
            log.exception("could not tell which notes server %s uses; keeping what it had", guild_id)
            if known is None:
                return None
            source = known.source
        resolved = _Resolved(source, self._clock())
        self._remember(guild_id, resolved)
        if known is not None and known.source is not None and known.source != source:
            self._drop_if_unused(known.source.build_id)
        return resolved

    def _remember(self, guild_id: int, resolved: _Resolved) -> None:
        self._guilds[guild_id] = resolved
        self._guilds.move_to_end(guild_id)
        while len(self._guilds) > GUILDS_REMEMBERED:
            self._guilds.popitem(last=False)

    async def _load(self, source: NotesSource) -> NotesBundle:
        if source.build_id == self.default.build_id:
            return self.default
        held = self._bundles.get(source.build_id)
        if held is not None:
            self._bundles.move_to_end(source.build_id)
            return held
        pending = self._loading.get(source.build_id)
        if pending is None:
            pending = asyncio.ensure_future(self._load_now(source))
            self._loading[source.build_id] = pending
        return await asyncio.shield(pending)

    async def _load_now(self, source: NotesSource) -> NotesBundle:
        if self._loader is None:
            raise RuntimeError("this notes library serves only the default notes (no loader given)")
        try:
            bundle = await asyncio.to_thread(self._loader, source)
        finally:
            self._loading.pop(source.build_id, None)
        self._bundles[source.build_id] = bundle
        while len(self._bundles) > self.capacity:
            evicted, _ = self._bundles.popitem(last=False)
            log.info("notes bundle %s evicted (unused longest)", evicted)
        return bundle

    def _drop_if_unused(self, build_id: str) -> None:
        """Free a replaced build at once unless another server still uses it."""
        if all(r.source is None or r.source.build_id != build_id for r in self._guilds.values()):
            self._bundles.pop(build_id, None)
