"""Leeches: prompts a member keeps getting wrong. Seeing the same card again does not help them; the passage that
answers it does. A leech is set aside from reviews until the member chooses to study it again."""

from __future__ import annotations

DEFAULT_LEECH_LAPSES = 8  # Anki's default leech threshold


def becomes_leech(lapses: int, threshold: int = DEFAULT_LEECH_LAPSES) -> bool:
    """Whether the wrong answer that brought the prompt to `lapses` flags it (Anki's rule): the `threshold`-th one,
    then every half threshold after it (so a prompt studied again and still failed is flagged again).

    `threshold` must be at least 1 (ValueError otherwise).
    """
    if threshold < 1:
        raise ValueError(f"the leech threshold must be at least 1, got {threshold}")
    if lapses < threshold:
        return False
    return (lapses - threshold) % max(1, threshold // 2) == 0
