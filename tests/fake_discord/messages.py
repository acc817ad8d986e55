"""What the bot sent (bodies, files) and the messages the fake stores, with assertion helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

EPHEMERAL = 1 << 6
LOADING = 1 << 7
BUTTON = 2


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes


def walk_components(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every component, depth first, through action rows, sections, containers and labels."""
    for component in components:
        yield component
        yield from walk_components(component.get("components", []))
        for key in ("accessory", "component"):
            if key in component:
                yield from walk_components([component[key]])


@dataclass
class MessageView:
    """Read access to a message-like JSON object (a body the bot sent or a stored message)."""

    data: dict[str, Any]
    files: list[UploadedFile] = field(default_factory=list)

    @property
    def content(self) -> str | None:
        """The message text."""
        return self.data.get("content")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        """Embed objects."""
        return self.data.get("embeds") or []

    @property
    def components(self) -> list[dict[str, Any]]:
        """Top-level components (usually action rows)."""
        return self.data.get("components") or []

    @property
    def flags(self) -> int:
        """Message flags bit field."""
        return int(self.data.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        """Whether flag 64 (only the invoking user sees it) is set."""
        return bool(self.flags & EPHEMERAL)

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        """The allowed_mentions object, if the bot sent one."""
        return self.data.get("allowed_mentions")

    @property
    def attachments(self) -> list[dict[str, Any]]:
        """Attachment objects (metadata; bytes are in files)."""
        return self.data.get("attachments") or []

    def buttons(self) -> list[dict[str, Any]]:
        """All buttons, in display order."""
        return [c for c in walk_components(self.components) if c.get("type") == BUTTON]

    def component(self, key: str) -> dict[str, Any]:
        """The interactive component whose custom_id or label is key."""
        for candidate in walk_components(self.components):
            if "custom_id" in candidate and key in (candidate.get("custom_id"), candidate.get("label")):
                return candidate
        known = [c.get("label") or c.get("custom_id") for c in walk_components(self.components)]
        raise LookupError(f"no component {key!r} on message; it has {known}")


@dataclass
class SentBody(MessageView):
    """A JSON body (plus uploaded files) the bot sent."""


@dataclass
class StoredMessage(MessageView):
    """A message as the fake keeps it: the wire payload, kept up to date by edits."""

    edits: int = 0

    @property
    def id(self) -> int:
        """The message id."""
        return int(self.data["id"])

    @property
    def channel_id(self) -> int:
        """The channel the message is in."""
        return int(self.data["channel_id"])

    @property
    def author_id(self) -> int:
        """The author's user id."""
        return int(self.data["author"]["id"])
