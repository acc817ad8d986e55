"""Pictures as PNG attachments, drawn off the event loop."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from typing import TypeVar

import discord

T = TypeVar("T")


async def rendered(render: Callable[[T], bytes], data: T, name: str) -> discord.File:
    """A picture drawn in a worker thread (drawing takes tens of ms: never on the event loop), as an attachment."""
    return discord.File(io.BytesIO(await asyncio.to_thread(render, data)), filename=name)
