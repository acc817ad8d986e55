"""HTTP responses shaped like Discord's (exact `Content-Type: application/json`, no charset)."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

JSON_HEADERS = {"Content-Type": "application/json"}


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """A JSON response discord.py will parse (it compares the content type exactly)."""
    return web.Response(body=json.dumps(data).encode(), status=status, headers={**JSON_HEADERS, **(headers or {})})


def no_content() -> web.Response:
    """A bare 204."""
    return web.Response(status=204)


def error_response(status: int, code: int, message: str) -> web.Response:
    """A Discord error object."""
    return json_response({"code": code, "message": message}, status=status)


def not_found(what: str) -> web.Response:
    """404 with Discord's 'Unknown ...' codes style."""
    return error_response(404, 10003, f"Unknown {what}")
