"""Study-group rules: what a valid name is and who may rename or delete a group."""

from __future__ import annotations

import re

from bot.errors import InvalidInput, NotAllowed

MIN_NAME_LENGTH = 2
MAX_NAME_LENGTH = 32
# Letters and digits of any script, with spaces and - ' . & + between them; no markdown or mention characters.
_NAME = re.compile(r"[^\W_]([^\W_]|[ \-'.&+])*")


def valid_group_name(raw: str) -> str:
    """The name with surrounding space removed and inner runs of space collapsed; InvalidInput if unusable."""
    name = " ".join(raw.split())
    if len(name) < MIN_NAME_LENGTH:
        raise InvalidInput(f"A group name needs at least {MIN_NAME_LENGTH} characters.")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(f"A group name can have at most {MAX_NAME_LENGTH} characters ({len(name)} given).")
    if not _NAME.fullmatch(name):
        raise InvalidInput(
            "A group name must start with a letter or digit and use only letters, digits, spaces and - ' . & +"
        )
    return name


def ensure_can_manage(actor_id: int, owner_id: int, *, is_manager: bool) -> None:
    """Only the group's owner or a server manager may rename or delete it."""
    if actor_id != owner_id and not is_manager:
        raise NotAllowed("Only the group's owner or a server manager can do that.")
