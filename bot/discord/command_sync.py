"""Syncing the slash commands with Discord only when they changed since the last sync from this machine; a
refused sync is retried later while the bot runs on (mentions, direct messages and the daily quiz need none)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path

import aiohttp
import discord
from discord import app_commands

log = logging.getLogger(__name__)


def command_payload(tree: app_commands.CommandTree) -> list[dict]:
    """The exact application-command payload the tree would send to Discord."""
    return [command.to_dict(tree) for command in tree.get_commands()]


async def sync_if_changed(tree: app_commands.CommandTree, marker: Path) -> bool:
    """Bulk-overwrite the global commands when their payload differs from the last synced one; True if synced."""
    digest = hashlib.sha256(json.dumps(command_payload(tree), sort_keys=True).encode()).hexdigest()
    if marker.is_file() and marker.read_text(encoding="utf-8").strip() == digest:
        log.info("slash commands unchanged since the last sync")
        return False
    await tree.sync()
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(digest + "\n", encoding="utf-8")
    log.info("slash commands synced with Discord")
    return True


SYNC_RETRY_SECONDS = (60.0, 300.0, 1800.0, 3600.0)  # waits between attempts; the last repeats


async def try_sync(tree: app_commands.CommandTree, marker: Path) -> bool:
    """One attempt at `sync_if_changed`; False (logged clearly, no traceback) when Discord refused it."""
    try:
        await sync_if_changed(tree, marker)
    except (discord.HTTPException, aiohttp.ClientError, OSError) as error:
        detail = f"HTTP {error.status}: {error.text}" if isinstance(error, discord.HTTPException) else str(error)
        log.warning(
            "Discord refused the slash commands (%s); mentions, direct messages and the daily quiz work without "
            "them, and the sync is retried later",
            detail,
        )
        return False
    return True


async def keep_syncing(
    tree: app_commands.CommandTree, marker: Path, delays: Sequence[float] = SYNC_RETRY_SECONDS
) -> None:
    """Retry the sync after each delay in turn (the last one repeating) until Discord accepts it."""
    attempt = 0
    while True:
        await asyncio.sleep(delays[min(attempt, len(delays) - 1)])
        if await try_sync(tree, marker):
            return
        attempt += 1
