"""Font fallback, shortening and cleaning of drawn text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PIL import Image

from bot.pictures import fonts
from bot.pictures.fonts import ELLIPSIS, TextStyle, clean_text, fit_text, member_name, text_runs, text_width
from bot.pictures.stats_card import StatsCardData, render_stats_card

STYLE = TextStyle(size=20, weight=700)
Decode = Callable[[bytes], Image.Image]


def _font_name(path: str | None) -> str:
    assert path is not None
    return path.rsplit("/", 1)[-1]


def test_latin_and_emoji_are_drawn_in_their_own_fonts() -> None:
    runs = text_runs("Zoë 🦊 fox")
    assert [(_font_name(path), run) for path, run in runs] == [
        ("NotoSans[wght].ttf", "Zoë "),
        ("NotoEmoji[wght].ttf", "🦊"),
        ("NotoSans[wght].ttf", " fox"),
    ]


def test_other_scripts_fall_back_to_a_font_that_has_them() -> None:
    ((path, run),) = text_runs("مرحبا")
    assert _font_name(path) == "NotoSansArabic[wght].ttf"
    assert run == "مرحبا"


def test_modifiers_and_accents_stay_with_their_base_character() -> None:
    runs = text_runs("👍🏽e\u0301")
    assert [run for _, run in runs] == ["👍🏽", "e\u0301"]


@pytest.mark.parametrize("name", ["田中", "さくら", "김민준", "王小明"], ids=["kanji", "kana", "hangul", "hanzi"])
def test_chinese_japanese_and_korean_names_are_drawn_in_the_cjk_font(name: str) -> None:
    runs = text_runs(f"{name} Ann")
    assert [(_font_name(path), run) for path, run in runs] == [
        ("NotoSansCJK-VF.otf.ttc", name),
        ("NotoSans[wght].ttf", " Ann"),
    ]


def test_characters_no_font_has_become_a_question_mark_not_a_box() -> None:
    assert "".join(run for _, run in text_runs("\u0378\U0010fffd Ann")) == "?? Ann"  # unassigned, private use


def test_short_text_is_kept_whole() -> None:
    assert fit_text("Ada", STYLE, 200) == "Ada"


def test_long_text_is_shortened_with_an_ellipsis_to_fit() -> None:
    fitted = fit_text("Margaret Hamilton-Smythe of the very long name", STYLE, 150)
    assert fitted.endswith(ELLIPSIS)
    assert fitted.startswith("Margaret")
    assert text_width(fitted, STYLE) <= 150


def test_shortening_never_splits_an_emoji_from_its_modifier() -> None:
    text = "Ab👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽"
    for width in range(30, 120, 3):
        fitted = fit_text(text, STYLE, width)
        assert fitted.count("👍") == fitted.count("🏽")


def test_control_characters_become_spaces() -> None:
    assert clean_text("  two\nlines\there ") == "two lines here"


def test_bidirectional_controls_in_a_name_cannot_reorder_what_follows() -> None:
    assert clean_text("\u202eevil\u2067 name\u200f") == "evil name"
    assert member_name("\u202e\u2066") == "Member"


@pytest.fixture
def without_font_package(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pretend the font package is missing: only Pillow's built-in font is left."""
    cached = (fonts._font_for, fonts.text_runs)
    for function in cached:
        function.cache_clear()
    monkeypatch.setattr(fonts, "font_paths", lambda: ())
    yield
    for function in cached:
        function.cache_clear()


@pytest.mark.usefixtures("without_font_package")
def test_pictures_still_render_with_pillows_built_in_font(decode: Decode) -> None:
    assert {path for path, _ in text_runs("Zoë 🦊")} == {None}
    card = StatsCardData("Zoë 🦊", 1, 1, 0, 0.5, 0, 10, date(2026, 3, 12))
    assert decode(render_stats_card(card)).size[0] > 0


@pytest.mark.parametrize("name", ["", "  ", "\n\t"])
def test_names_with_nothing_printable_become_a_placeholder(name: str) -> None:
    assert member_name(name) == "Member"
