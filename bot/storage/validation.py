"""Checks on values stored for later use (time zones, clock times), with messages a member can act on."""

from __future__ import annotations

import re

from bot.errors import InvalidInput
from bot.timezones import place_zone

_CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def valid_time_zone(name: str) -> str:
    """The IANA zone name of a real place or UTC (e.g. `Europe/Berlin`), trimmed; InvalidInput otherwise."""
    return place_zone(name)


def valid_clock_time(text: str) -> str:
    """A 24-hour `HH:MM` time, zero-padded (`9:05` becomes `09:05`)."""
    match = _CLOCK_TIME.match(text.strip())
    if match is None:
        raise InvalidInput("That is not a time of day; use 24-hour HH:MM, for example 09:00 or 18:30.")
    return f"{int(match[1]):02d}:{match[2]}"
