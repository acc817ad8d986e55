"""TutorBot: the discord.py application over the tutor service."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

import discord
from aiohttp import web
from discord.ext import commands

from bot.clock import Clock
from bot.discord.command_sync import SYNC_RETRY_SECONDS, keep_syncing, try_sync
from bot.discord.errors import TutorCommandTree, report_event_error
from bot.discord.features import EXTENSIONS
from bot.discord.formatting import NO_PINGS
from bot.heap import freeze_startup_objects
from bot.knowledge.embedder import Embedder
from bot.settings import Settings
from bot.tutor import Tutor
from bot.uploads.builds import BuildWorker
from bot.uploads.service import ServerNotes
from bot.uploads.serving import serve_uploads

log = logging.getLogger(__name__)

# tutorbot never joins voice channels: discord.py's warnings about missing voice libraries are noise here.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False

GUILD_READY_TIMEOUT_SECONDS = 2.0  # discord.py's default wait for the servers' data before `on_ready`
SYNC_MARKER = "synced-commands.sha256"
MAX_RATE_LIMIT_WAIT_SECONDS = 30.0  # a longer rate limit fails the request (the daily claim's lease is 2 min)


def tolerate_bad_events(parsers: dict[str, Callable[[Any], None]]) -> None:
    """Wrap discord.py's gateway event parsers: an event payload one cannot read (a field missing or of another
    type) is logged and skipped instead of ending the connection (and the process)."""
    for event, parse in list(parsers.items()):
        parsers[event] = _tolerant(event, parse)


def _tolerant(event: str, parse: Callable[[Any], None]) -> Callable[[Any], None]:
    def parse_or_skip(data: Any) -> None:
        try:
            parse(data)
        except Exception as error:
            log.warning("Skipped a %s event that could not be read (%s: %s)", event, type(error).__name__, error)

    return parse_or_skip


def bot_intents(members: bool = False) -> discord.Intents:
    """Guilds plus (non-privileged) message events for mention and DM replies; no message content intent."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.members = members  # privileged, opt-in: member departures then reach the leaderboards
    return intents


class TutorBot(commands.AutoShardedBot):
    """The bot: features are loaded as extensions without the tutor; `setup_hook` opens it (unless one was
    given), and with `freeze_startup` (the running bot's: `tutorbot discord run`) then keeps everything loaded so
    far out of full garbage collections (`bot.heap.freeze_startup_objects`)."""

    def __init__(
        self,
        settings: Settings,
        *,
        tutor: Tutor | None = None,
        clock: Clock | None = None,
        embedder: Embedder | None = None,
        guild_ready_timeout: float = GUILD_READY_TIMEOUT_SECONDS,
        sync_commands: bool = False,
        freeze_startup: bool = False,
        sync_retry_delays: Sequence[float] = SYNC_RETRY_SECONDS,
        server_notes: ServerNotes | None = None,
    ) -> None:
        # Without shard ids discord.py runs every shard of `shard_count`; its annotation has no None.
        shard_ids: dict[str, Any] = (
            {"shard_ids": list(settings.discord.shard_ids)} if settings.discord.shard_ids else {}
        )
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=bot_intents(settings.discord.members_intent),
            allowed_mentions=NO_PINGS,
            tree_cls=TutorCommandTree,
            help_command=None,
            guild_ready_timeout=guild_ready_timeout,
            shard_count=settings.discord.shard_count,
            **shard_ids,
            max_ratelimit_timeout=MAX_RATE_LIMIT_WAIT_SECONDS,
        )
        tolerate_bad_events(self._connection.parsers)
        self.settings = settings
        self._tutor = tutor
        self._owns_tutor = tutor is None
        self._clock = clock
        self._embedder = embedder
        self.sync_commands = sync_commands
        self.freeze_startup = freeze_startup
        self._sync_retry_delays = sync_retry_delays
        self._sync_retries: asyncio.Task[None] | None = None
        self._web: web.AppRunner | None = None
        self._server_notes = server_notes
        self._build_worker: BuildWorker | None = None

    @property
    def server_notes(self) -> ServerNotes:
        """Each server's own notes (uploads and builds, in a worker process), over the tutor's database."""
        if self._server_notes is None:
            tutor = self.tutor
            self._build_worker = BuildWorker(self.settings.retrieval.model)
            self._server_notes = ServerNotes(tutor.repos.notes, self.settings, self._build_worker, tutor.clock)
        return self._server_notes

    @property
    def tutor(self) -> Tutor:
        if self._tutor is None:
            raise RuntimeError("the tutor is not open yet (setup_hook opens it)")
        return self._tutor

    async def load_features(self) -> None:
        """Load the shared components and every feature as discord.py extensions (bot/discord/features.py); needs
        no connection and no open tutor (used by `tutorbot discord commands`)."""
        for extension in EXTENSIONS:
            await self.load_extension(extension)

    async def setup_hook(self) -> None:
        if self._tutor is None:
            self._tutor = await Tutor.open(self.settings, clock=self._clock, embedder=self._embedder)
        serve_uploads(self.server_notes, self.tutor.notes)
        await self.load_features()
        if self.settings.web.in_bot:
            await self._start_web()
        if self.freeze_startup:  # the model, libraries and default notes: never walked by a full collection again
            log.info("%d startup objects kept out of garbage collection", freeze_startup_objects())
        marker = self.settings.paths.data_dir / SYNC_MARKER
        if self.sync_commands and not await try_sync(self.tree, marker):
            self._sync_retries = asyncio.create_task(keep_syncing(self.tree, marker, self._sync_retry_delays))

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: mentions and direct messages are answered by the ask feature's listener."""

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        """Errors in event listeners reach the member like command errors do (the one handler)."""
        await report_event_error(event_method, args, sys.exc_info()[1])

    async def _start_web(self) -> None:
        """Serve the web leaderboard from this process over the same database (a port in use is logged, and the
        bot runs on without it)."""
        from bot.service.board_links import serving_links
        from bot.service.web_boards import BoardReader
        from bot.web import start_web

        host, port = self.settings.web.host, self.settings.web.port
        reader = BoardReader(self.tutor.db, self.tutor.clock, serving_links(self.settings, host, port))
        try:
            self._web = await start_web(reader, host, port)
        except OSError as error:
            log.error("The web leaderboard cannot listen on %s:%s (%s); the bot runs without it", host, port, error)
        else:
            log.info("Serving the web leaderboard on http://%s:%s", host, port)

    async def close(self) -> None:
        if self._sync_retries is not None:
            self._sync_retries.cancel()
        if self._web is not None:
            await self._web.cleanup()
        await super().close()
        if self._server_notes is not None:
            self._server_notes.close()  # second stages under way stop; their first stages serve until completed
        if self._build_worker is not None:
            self._build_worker.close()
        if self._owns_tutor and self._tutor is not None:
            await self._tutor.close()
