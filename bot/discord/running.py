"""Running the bot until it stops by itself or SIGTERM/SIGINT asks it to (systemctl stop/restart, Ctrl-C)."""

from __future__ import annotations

import asyncio
import logging
import signal

import discord

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


async def serve(bot: discord.Client, token: str) -> None:
    """Log in and run `bot`; on SIGTERM or SIGINT close it gracefully: the daily-quiz step in progress finishes
    (or is left to its lease), connections and the database close. Errors of `bot.start` propagate."""
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stopping.set)
    try:
        async with bot:
            running = asyncio.create_task(bot.start(token))
            stop = asyncio.create_task(stopping.wait())
            await asyncio.wait({running, stop}, return_when=asyncio.FIRST_COMPLETED)
            stop.cancel()
            if stopping.is_set():
                log.info("Stop requested: shutting down")
                await bot.close()
            await running
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)
