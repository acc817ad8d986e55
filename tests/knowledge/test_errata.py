"""Notes errata (#16): lines a study group marks out of date, read beside the notes, never asked by the quiz and
shown corrected beside an answer. Every example is written for these tests."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.knowledge.errata import ERRATA_FILE, NO_ERRATA, Errata, ErrataError, Erratum, load_errata, parse_errata
from bot.knowledge.profile import load_profile

ERRATA = """\
[[outdated]]
match = "A crate holds up to `12` bottles"
current = "Crates hold up to 24 bottles since the 2031 redesign."
source = "Bottling Handbook, 4th edition"

[[outdated]]
match = "Wax Seals"
current = "Wax seals are no longer made; every bottle is screw-capped."
source = "Guild notice 17"
"""

NOTES = """\
# Bottling

## Crates

- A crate holds up to **12** bottles
- Crates stack six high

## Wax Seals

- Seals are pressed at 80 degrees
- A seal takes two minutes to set

### Seal Colours

- Red marks a reserve

```
## Wax Seals in a code block are not a heading
```

## Corks

- Corks come from oak bark
"""


def errata() -> Errata:
    return parse_errata(tomllib.loads(ERRATA))


def test_an_erratum_matches_its_line_whatever_the_marks_case_and_spacing() -> None:
    crate = errata().entries[0]
    assert crate.matches("- A crate holds up to **12** bottles")
    assert crate.matches("a  crate HOLDS up to 12 bottles, or so")
    assert not crate.matches("A crate holds up to 24 bottles")


def test_a_matched_heading_marks_its_whole_section_and_code_is_no_heading() -> None:
    lines = NOTES.splitlines()
    stale = errata().outdated_lines(lines)
    numbered = dict(enumerate(lines, start=1))
    assert {numbered[n] for n in stale} >= {
        "- A crate holds up to **12** bottles",
        "## Wax Seals",
        "- Seals are pressed at 80 degrees",
        "- Red marks a reserve",  # a subsection of the matched heading
    }
    assert "- Crates stack six high" not in {numbered[n] for n in stale}
    assert "- Corks come from oak bark" not in {numbered[n] for n in stale}
    assert NO_ERRATA.outdated_lines(lines) == set()


def test_matching_and_unmatched_entries() -> None:
    found = errata().matching(["Crates", "Seals are pressed", "Wax Seals"])
    assert [e.current for e in found] == ["Wax seals are no longer made; every bottle is screw-capped."]
    stale = errata().unmatched([["- A crate holds up to 12 bottles"]])
    assert [e.match for e in stale] == ["Wax Seals"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[outdated]]\nmatch = "A crate holds"\nsource = "x"', "current must be a non-empty string"),
        ('[[outdated]]\nmatch = "crate"\ncurrent = "y"\nsource = "x"', "at least 6 characters"),
        (f'[[outdated]]\nmatch = "A crate holds"\ncurrent = "{"y" * 301}"\nsource = "x"', "longer than 300"),
        ('outdated = "A crate"', "list of tables"),
    ],
)
def test_an_incomplete_entry_names_its_problem(text: str, problem: str) -> None:
    with pytest.raises(ErrataError, match=problem):
        parse_errata(tomllib.loads(text), "notes/errata.toml")


def test_errata_are_read_beside_the_notes_with_or_without_a_profile(tmp_path: Path) -> None:
    assert load_errata(tmp_path) == NO_ERRATA
    assert load_profile(tmp_path).errata == NO_ERRATA
    (tmp_path / ERRATA_FILE).write_text(ERRATA, encoding="utf-8")
    assert len(load_profile(tmp_path).errata.entries) == 2  # no profile.toml: neutral, but with the errata
    (tmp_path / "profile.toml").write_text('[questions]\nexample = "How many bottles fit a crate?"\n', "utf-8")
    profile = load_profile(tmp_path)
    assert profile.example_question == "How many bottles fit a crate?"
    assert profile.errata.entries[0] == Erratum(
        "A crate holds up to `12` bottles",
        "Crates hold up to 24 bottles since the 2031 redesign.",
        "Bottling Handbook, 4th edition",
    )
    (tmp_path / ERRATA_FILE).write_text("[[outdated]\n", encoding="utf-8")
    with pytest.raises(ErrataError, match="not valid TOML"):
        load_profile(tmp_path)


def test_every_erratum_of_the_default_notes_matches_a_line_of_them() -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    shipped = load_errata(corpus)
    notes = [path.read_text(encoding="utf-8").splitlines() for path in sorted(corpus.glob("*.md"))]
    assert shipped.entries and shipped.unmatched(notes) == []
