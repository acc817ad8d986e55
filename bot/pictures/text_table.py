"""Monospace text helpers for the accessible versions of the pictures (Discord code blocks)."""

from __future__ import annotations

import unicodedata

from bot.pictures.fonts import ELLIPSIS, clean_text

DISCORD_MESSAGE_LIMIT = 2000
_FENCE = "```"


def char_columns(char: str) -> int:
    """Monospace columns a character takes: 2 for wide (CJK, most emoji), 0 for marks and joiners."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Monospace columns `text` takes."""
    return sum(char_columns(char) for char in text)


def fit_columns(text: str, columns: int) -> str:
    """`text` cleaned, cut with an ellipsis if wider than `columns`, then padded to exactly `columns`."""
    text = clean_text(text).replace("`", "'")
    if display_width(text) > columns:
        kept, used = [], 0
        for char in text:
            if used + char_columns(char) > columns - 1:
                break
            kept.append(char)
            used += char_columns(char)
        text = "".join(kept).rstrip() + ELLIPSIS
    return text + " " * (columns - display_width(text))


def code_block(lines: list[str]) -> str:
    """`lines` in a Discord code block (no syntax colouring), trailing spaces trimmed."""
    body = "\n".join(line.rstrip() for line in lines)
    return f"{_FENCE}text\n{body}\n{_FENCE}"
