"""How much one server may upload, checked before any file is opened or converted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.errors import Refusal, UploadRefused
from bot.wording import plural

MIB = 1024 * 1024


@dataclass(frozen=True)
class UploadLimits:
    """Limits on uploaded notes. Sizes in bytes; `text_chars` counts the characters converted from one file."""

    file_bytes: int = 10 * MIB  # Discord's own attachment limit for a server without boosts
    pages: int = 500  # of one PDF
    text_chars: int = 2_000_000  # about 1,000 pages of prose
    files_per_server: int = 50
    server_bytes: int = 100 * MIB  # every file of one server together, as uploaded
    expanded_bytes: int = 64 * MIB  # a .docx's parts once unzipped, all together
    expansion_ratio: int = 100  # a .docx's unzipped size over its zipped size (text compresses about 5-10x)
    archive_entries: int = 5_000  # parts inside one .docx


def size_words(size: int) -> str:
    """A byte count for a person: `812 bytes`, `4.2 KB`, `10.0 MB` (1 KB = 1,024 bytes)."""
    if size < 1024:
        return plural(size, "byte")
    if size < MIB:
        return f"{size / 1024:.1f} KB"
    return f"{size / MIB:.1f} MB"


def check_file_size(name: str, size: int, limits: UploadLimits) -> None:
    """UploadRefused (TOO_BIG, NO_TEXT for an empty file) unless `size` bytes fit one file's limit."""
    if size > limits.file_bytes:
        raise UploadRefused(
            Refusal.TOO_BIG,
            f"{name} is {size_words(size)}; a notes file may be at most {size_words(limits.file_bytes)}. "
            "Split it into smaller files.",
        )
    if size == 0:
        raise UploadRefused(Refusal.NO_TEXT, f"{name} is empty.")


def check_server_room(stored: Mapping[str, int], incoming: Mapping[str, int], limits: UploadLimits) -> None:
    """UploadRefused (SERVER_FULL) unless the server's files after the upload fit its limits.

    `stored` and `incoming` map file names to sizes in bytes; an incoming file replaces a stored one of its name.
    """
    after = {**stored, **incoming}
    if len(after) > limits.files_per_server:
        room = max(0, limits.files_per_server - len(stored))
        raise UploadRefused(
            Refusal.SERVER_FULL,
            f"This server may keep at most {plural(limits.files_per_server, 'notes file')} and has "
            f"{len(stored)}; {plural(len(incoming), 'file')} cannot be added (room for {room}). "
            "Remove some with /notes remove first.",
        )
    total = sum(after.values())
    if total > limits.server_bytes:
        raise UploadRefused(
            Refusal.SERVER_FULL,
            f"This server's notes may take at most {size_words(limits.server_bytes)} together; with these files "
            f"they would take {size_words(total)}. Remove some with /notes remove first.",
        )
