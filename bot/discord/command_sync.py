"""Syncing the slash commands with Discord only when they changed since the last sync from this machine."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

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
