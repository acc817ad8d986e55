"""The code knows nothing about the default notes: none of their own names appear anywhere in bot/.

The names are read from the notes' profile (corpus/profile.toml), so a name added there is checked too.
"""

from __future__ import annotations

import re

from bot.knowledge.profile import load_profile
from bot.settings import REPO_ROOT

CODE = REPO_ROOT / "bot"


def _names() -> list[re.Pattern[str]]:
    profile = load_profile(REPO_ROOT / "corpus")
    exact = [*profile.proper_nouns, *profile.name_prefixes]
    any_case = [*profile.dropped_words, *profile.trivial_terms]
    patterns = [re.compile(rf"(?<![A-Za-z0-9]){re.escape(n)}(?![A-Za-z0-9])") for n in dict.fromkeys(exact)]
    patterns += [re.compile(rf"(?<![A-Za-z0-9]){re.escape(n)}(?![A-Za-z0-9])", re.I) for n in dict.fromkeys(any_case)]
    return patterns


def test_the_default_notes_profile_names_what_must_stay_out_of_the_code() -> None:
    assert len(_names()) >= 10  # the check below means something only with the notes' names to look for


def test_no_file_under_bot_mentions_the_default_notes_names() -> None:
    patterns = _names()
    found = [
        f"{path.relative_to(REPO_ROOT)}:{number}: {pattern.pattern}"
        for path in sorted(CODE.rglob("*"))
        if path.is_file() and path.suffix in {".py", ".toml", ".json", ".txt", ".md", ".mako"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for pattern in patterns
        if pattern.search(line)
    ]
    assert not found, "notes-specific names in the code (move them to corpus/profile.toml):\n" + "\n".join(found)
