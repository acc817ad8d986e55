"""Text drawing with per-character font fallback over the Noto fonts shipped by `manimgx-fonts` and
`manimgx-fonts-cjk` (Noto Sans CJK: Chinese, Japanese, Korean).

Pillow draws a whole string in one font, so names that mix Latin, emoji and other scripts are split into
runs, each drawn in the first font of the chain that has its glyphs. Characters no font has become "?"
(never a tofu box). Without the font packages, Pillow's built-in font is used alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from PIL import ImageDraw, ImageFont

FONT_PACKAGE = "manimgx_fonts"
CJK_FONT_PACKAGE = "manimgx_fonts_cjk"
# Chain order: main text face, symbols, emoji, then other scripts a member's name may use; CJK last (it also has
# Latin glyphs, which must come from the main face).
FONT_FILES = (
    "NotoSans[wght].ttf",
    "NotoSansSymbols[wght].ttf",
    "NotoEmoji[wght].ttf",
    "NotoSansArabic[wght].ttf",
    "NotoSansHebrew[wght].ttf",
    "NotoSansDevanagari[wght].ttf",
    "NotoSansBengali[wght].ttf",
    "NotoSansThai[wght].ttf",
    "NotoSansTamil[wght].ttf",
    "NotoSansTelugu[wght].ttf",
    "NotoSansArmenian[wght].ttf",
    "NotoSansGeorgian[wght].ttf",
    "NotoSansEthiopic[wght].ttf",
    "NotoSansKhmer[wght].ttf",
    "NotoSansMyanmar[wght].ttf",
    "NotoSansSinhala[wght].ttf",
)
CJK_FONT_FILES = ("NotoSansCJK-VF.otf.ttc",)
REPLACEMENT = "?"
ELLIPSIS = "…"
NAMELESS = "Member"
_PROBE_SIZE = 16
_NOT_IN_ANY_FONT = "\U000ffffd"  # a private-use code point: renders as the font's .notdef box
# Emoji skin-tone modifiers belong to the emoji before them, like combining marks and joiners.
_SKIN_TONES = range(0x1F3FB, 0x1F400)

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class TextStyle:
    """Size in pixels and weight on the variable fonts' axis (400 regular .. 700 bold)."""

    size: int
    weight: int = 400


def _package_fonts(package: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Paths of `names` in the font package, in order; empty when the package is missing."""
    try:
        folder = resources.files(package)
    except ModuleNotFoundError:
        return ()
    return tuple(str(folder / name) for name in names if (folder / name).is_file())


@lru_cache(maxsize=1)
def font_paths() -> tuple[str, ...]:
    """Paths of the shipped font files, in fallback order; empty when the packages are missing."""
    return _package_fonts(FONT_PACKAGE, FONT_FILES) + _package_fonts(CJK_FONT_PACKAGE, CJK_FONT_FILES)


@lru_cache(maxsize=256)
def _font(path: str | None, size: int, weight: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """One font at one size and weight; `None` is Pillow's built-in font."""
    if path is None:
        return ImageFont.load_default(size)
    font = ImageFont.truetype(path, size)
    axes = font.get_variation_axes()
    if axes:
        lowest, highest = axes[0]["minimum"], axes[0]["maximum"]
        if lowest is not None and highest is not None:
            font.set_variation_by_axes([min(max(weight, lowest), highest)])
    return font


def _chain() -> tuple[str | None, ...]:
    return font_paths() or (None,)


@lru_cache(maxsize=64)
def _notdef_mask(path: str | None) -> tuple[tuple[int, int], bytes]:
    mask = _font(path, _PROBE_SIZE, 400).getmask(_NOT_IN_ANY_FONT)
    return mask.size, bytes(mask)


@lru_cache(maxsize=8192)
def _has_glyph(path: str | None, char: str) -> bool:
    mask = _font(path, _PROBE_SIZE, 400).getmask(char)
    return (mask.size, bytes(mask)) != _notdef_mask(path)


def _joins_previous(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Cf") or ord(char) in _SKIN_TONES


@lru_cache(maxsize=8192)
def _font_for(char: str) -> tuple[str | None, str]:
    """The first font of the chain that has `char`, and the character to draw (maybe the replacement)."""
    for path in _chain():
        if _has_glyph(path, char):
            return path, char
    return _chain()[0], REPLACEMENT


# Bidirectional embeddings, overrides, isolates and marks: in a name they would reorder the text drawn or listed
# after it (a name ending in U+202E shows the points beside it backwards).
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def without_bidi_controls(text: str) -> str:
    """`text` without bidirectional controls, which would reorder whatever is shown after it."""
    return "".join(c for c in text if c not in _BIDI_CONTROLS)


def clean_text(text: str) -> str:
    """Control characters (newlines, tabs...) become spaces, bidirectional controls are dropped; trimmed."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in without_bidi_controls(text)).strip()


def member_name(name: str) -> str:
    """A member's name cleaned for drawing; "Member" when nothing printable is left."""
    return clean_text(name) or NAMELESS


@lru_cache(maxsize=2048)
def text_runs(text: str) -> tuple[tuple[str | None, str], ...]:
    """Split `text` into (font path, substring) runs, each drawable in one font."""
    runs: list[tuple[str | None, str]] = []
    for char in text:
        if runs and _joins_previous(char):
            path, run = runs[-1]
            runs[-1] = (path, run + char)
            continue
        path, drawn = _font_for(char)
        if runs and runs[-1][0] == path:
            runs[-1] = (path, runs[-1][1] + drawn)
        else:
            runs.append((path, drawn))
    return tuple(runs)


@lru_cache(maxsize=8192)
def text_width(text: str, style: TextStyle) -> int:
    """Width in pixels of `text` drawn in `style`."""
    return round(sum(_font(p, style.size, style.weight).getlength(r) for p, r in text_runs(text)))


def fit_text(text: str, style: TextStyle, max_width: int) -> str:
    """`text`, shortened with an ellipsis when needed so that it fits `max_width` pixels."""
    text = clean_text(text)
    if text_width(text, style) <= max_width:
        return text
    low, high = 0, len(text)  # longest prefix that fits with the ellipsis: binary search
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS, style) <= max_width:
            low = middle
        else:
            high = middle - 1
    while low and _joins_previous(text[low]):  # never cut an emoji sequence or accent in half
        low -= 1
    return text[:low].rstrip() + ELLIPSIS


def draw_text(
    draw: ImageDraw.ImageDraw,
    x: float,
    baseline: float,
    text: str,
    style: TextStyle,
    fill: tuple[int, int, int],
    align: Align = "left",
) -> int:
    """Draw `text` with its baseline at `baseline`, aligned on `x`; return its width."""
    width = text_width(text, style)
    left = {"left": x, "center": x - width / 2, "right": x - width}[align]
    for path, run in text_runs(text):
        font = _font(path, style.size, style.weight)
        draw.text((left, baseline), run, font=font, fill=fill, anchor="ls")
        left += font.getlength(run)
    return width


def centred_baseline(centre_y: float, style: TextStyle) -> float:
    """The baseline that centres capital letters of `style` on `centre_y`."""
    return centre_y + style.size * 0.36
