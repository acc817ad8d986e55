"""Run a real discord.py client against a FakeDiscord: start, wait for ready, stop, check the error log."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager, suppress

import discord
from discord.ext import commands

from .fake import FakeDiscord

READY_TIMEOUT = 5.0


class ErrorRecords(logging.Handler):
    """Keeps every ERROR (or worse) record logged anywhere while a bot runs."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []
        self.logged = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.logged.set()

    def report(self) -> str:
        """The records, formatted with their tracebacks."""
        formatter = logging.Formatter("%(name)s: %(message)s")
        return "\n".join(formatter.format(record) for record in self.records)


class BotRunner:
    """A bot running in a background task; stop() is idempotent."""

    def __init__(self, bot: discord.Client, task: asyncio.Task[None], errors: ErrorRecords) -> None:
        self.bot = bot
        self.task = task
        self.errors = errors

    async def wait_for_error(self, timeout: float = READY_TIMEOUT) -> logging.LogRecord:
        """The first ERROR record the bot logged (waits for one); run with allow_errors=True to expect it."""
        await asyncio.wait_for(self.errors.logged.wait(), timeout)
        return self.errors.records[0]

    async def stop(self) -> None:
        """Close the client and wait for its task to end."""
        if not self.bot.is_closed():
            await self.bot.close()
        with suppress(asyncio.CancelledError):
            await self.task


async def sync_commands(bot: discord.Client) -> None:
    """Register the bot's global and guild command sets over the wire (PUT .../commands)."""
    if not isinstance(bot, commands.bot.BotBase):
        return
    await bot.tree.sync()
    for guild in bot.guilds:
        if bot.tree.get_commands(guild=guild):
            await bot.tree.sync(guild=guild)


@asynccontextmanager
async def running_bot(
    fake: FakeDiscord,
    bot: discord.Client,
    *,
    sync: bool = True,
    allow_errors: bool = False,
    ready_timeout: float = READY_TIMEOUT,
) -> AsyncIterator[BotRunner]:
    """Start bot on fake, wait for on_ready, optionally sync its app commands; on exit stop it and fail if it
    logged any ERROR record (discord.py logs exceptions from handlers, views and commands that way)."""
    errors = ErrorRecords()
    root = logging.getLogger()
    with ExitStack() as stack:
        stack.enter_context(fake.patched_discord())
        root.addHandler(errors)
        stack.callback(root.removeHandler, errors)
        runner = BotRunner(bot, asyncio.create_task(bot.start(fake.token)), errors)
        try:
            await wait_ready(runner, ready_timeout)
            if sync:
                await sync_commands(bot)
            yield runner
        finally:
            await runner.stop()
    if errors.records and not allow_errors:
        raise AssertionError(f"the bot logged errors:\n{errors.report()}")


async def wait_ready(runner: BotRunner, timeout: float) -> None:
    """Wait until the bot is ready; re-raise why it stopped if it stopped first."""
    ready = asyncio.ensure_future(runner.bot.wait_until_ready())
    done, _ = await asyncio.wait({ready, runner.task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    if runner.task in done:
        ready.cancel()
        runner.task.result()  # re-raise why the client stopped
        raise RuntimeError("the bot stopped before it was ready")
    if ready not in done:
        ready.cancel()
        raise TimeoutError(f"the bot was not ready within {timeout}s")
