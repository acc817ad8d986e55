"""IANA time zones named by members, checked once with a message they can act on, and local days.

A zone a member or server may choose is a real place (or UTC): names that depend on the host (`localtime`,
`posixrules`), that name no place (`Factory`, the POSIX rule zones such as `EST5EDT`, bare abbreviations such as
`EST` or `CET`) and the `Etc/GMT±N` offsets (whose sign is the reverse of what people expect) are refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import InvalidInput

UNKNOWN_ZONE = "That is not a time zone I know; use an IANA name such as Europe/Berlin or America/New_York."
NOT_A_PLACE = (
    "That zone names no place (or depends on the machine I run on); use a city's zone such as "
    "Europe/Berlin or America/New_York, or UTC."
)
ETC_OFFSET = (
    "Etc/GMT zones count backwards (Etc/GMT+5 is five hours behind UTC), so I do not take them; "
    "use a city's zone such as America/New_York, or UTC."
)

# Files of the tz database that are no place: host-dependent links, the placeholder zone, and the legacy
# POSIX-rule zones and abbreviations kept for compatibility ("northamerica" and "europe" files of tzdata).
_NOT_PLACES = frozenset(
    {
        "localtime",
        "posixrules",
        "Factory",
        "CET",
        "CST6CDT",
        "EET",
        "EST",
        "EST5EDT",
        "HST",
        "MET",
        "MST",
        "MST7MDT",
        "PST8PDT",
        "WET",
    }
)
_ETC_OFFSET = re.compile(r"^Etc/GMT[+-]\d+$")


def time_zone(name: str) -> ZoneInfo:
    """The zone called `name` (surrounding spaces ignored), as stored; the error never echoes what was typed.

    Raises InvalidInput when no such zone exists.
    """
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(UNKNOWN_ZONE) from exc


def place_zone(name: str) -> str:
    """The zone name (spaces trimmed) when it is a real place or UTC, for members and servers to choose.

    Raises InvalidInput (without echoing the input) for unknown names, names that depend on the host or name no
    place, and `Etc/GMT±N` offsets.
    """
    clean = name.strip()
    if clean in _NOT_PLACES or clean.startswith(("posix/", "right/")):
        raise InvalidInput(NOT_A_PLACE)
    if _ETC_OFFSET.match(clean) and clean not in {"Etc/GMT+0", "Etc/GMT-0"}:
        raise InvalidInput(ETC_OFFSET)
    time_zone(clean)
    return clean


@cache
def place_zones() -> tuple[str, ...]:
    """Every zone name a member may choose on this machine, sorted (places first, then UTC and its aliases)."""
    names = [name for name in available_timezones() if _is_place(name)]
    return tuple(sorted(names, key=lambda name: ("/" not in name, name)))


def suggest_zones(typed: str, limit: int = 25) -> list[str]:
    """Up to `limit` choosable zone names matching what was typed (case, spaces and underscores ignored).

    The exact name comes first, then an exact city, then names where a part starts with the text (`berl` →
    Europe/Berlin, `new y` → America/New_York), then names containing it anywhere; nothing typed gives the
    first `limit` names.
    """
    wanted = _folded(typed)
    if not wanted:
        return list(place_zones()[:limit])
    starts = [name for name in place_zones() if any(part.startswith(wanted) for part in _parts(name))]
    starts.sort(key=lambda name: (_folded(name) != wanted, wanted not in _parts(name)))  # `utc` → UTC first
    if len(starts) >= limit:
        return starts[:limit]
    contains = [name for name in place_zones() if wanted in _folded(name) and name not in starts]
    return (starts + contains)[:limit]


def local_day(moment: datetime, zone: ZoneInfo, not_before: date | None = None) -> date:
    """The local date of `moment` (aware) in `zone`, never before `not_before`.

    `not_before` is the day that was in progress when the member's zone last changed: a zone moved west cannot
    date new answers on a day that had already begun (or ended) under the old zone.
    """
    day = moment.astimezone(zone).date()
    return not_before if not_before is not None and day < not_before else day


def _is_place(name: str) -> bool:
    try:
        return place_zone(name) == name
    except InvalidInput:
        return False


def _folded(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


def _parts(name: str) -> list[str]:
    folded = _folded(name)
    return [folded, *folded.split("/")[1:]]
