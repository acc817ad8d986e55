"""The dark, Discord-like palette every picture shares."""

from __future__ import annotations

Colour = tuple[int, int, int]

BACKGROUND: Colour = (49, 51, 56)
PANEL: Colour = (43, 45, 49)
PANEL_DEEP: Colour = (30, 31, 34)
TRACK: Colour = (64, 66, 73)
TEXT: Colour = (242, 243, 245)
MUTED: Colour = (181, 186, 193)
FAINT: Colour = (128, 132, 142)
BLURPLE: Colour = (88, 101, 242)
HIGHLIGHT_ROW: Colour = (58, 64, 122)
GREEN: Colour = (35, 165, 90)
YELLOW: Colour = (240, 178, 50)
RED: Colour = (242, 63, 67)
ORANGE: Colour = (245, 124, 40)

GOLD: Colour = (250, 199, 52)
SILVER: Colour = (196, 204, 214)
BRONZE: Colour = (214, 137, 78)
MEDALS: tuple[Colour, ...] = (GOLD, SILVER, BRONZE)

AVATAR_COLOURS: tuple[Colour, ...] = (
    (88, 101, 242),
    (59, 165, 93),
    (250, 166, 26),
    (237, 66, 69),
    (235, 69, 158),
    (52, 152, 219),
    (155, 89, 182),
    (26, 188, 156),
)


def share_colour(share: float) -> Colour:
    """Green from 80 %, yellow from 50 %, red below (accuracy, topic mastery)."""
    return GREEN if share >= 0.8 else YELLOW if share >= 0.5 else RED
