"""Who may do what in a server, as the service decides it (front ends only pass the acting member on)."""

from __future__ import annotations

from bot.errors import NotAllowed
from bot.service.types import Who


def ensure_manager(who: Who, to: str = "manage reported questions") -> None:
    """NotAllowed (saying what they tried `to` do) unless the member has the Manage Server permission."""
    if not who.is_manager:
        raise NotAllowed(f"Only members with the Manage Server permission can {to}.")
