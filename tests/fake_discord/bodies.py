"""Parse the bodies discord.py sends: plain JSON, or multipart with payload_json and files[n]."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import BodyPartReader, web

from .messages import UploadedFile


async def read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    """The JSON payload (None if there is none) and any uploaded files."""
    if request.content_type.startswith("multipart/"):
        return await _read_multipart(request)
    text = await request.text()
    return (json.loads(text) if text else None), []


async def _read_multipart(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    payload: Any = None
    files: list[UploadedFile] = []
    reader = await request.multipart()
    async for part in reader:
        if not isinstance(part, BodyPartReader):
            continue
        data = await part.read(decode=False)
        if part.name == "payload_json":
            payload = json.loads(data)
        else:
            files.append(
                UploadedFile(
                    field=part.name or "",
                    filename=part.filename or "",
                    content_type=part.headers.get("Content-Type", "application/octet-stream"),
                    data=bytes(data),
                )
            )
    return payload, files
