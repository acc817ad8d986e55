"""IANA time zones named by members, checked once with a message they can act on."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import BadQuestion

UNKNOWN_ZONE = "That is not a time zone I know; use an IANA name such as Europe/Berlin or America/New_York."


def time_zone(name: str) -> ZoneInfo:
    """The zone called `name` (surrounding spaces ignored); the error never echoes what was typed."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise BadQuestion(UNKNOWN_ZONE) from exc
