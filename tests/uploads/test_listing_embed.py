"""`/notes list`'s embed says whether the latest change is still being built, its build failed, or its quiz
questions are still being made or could not be made."""

from __future__ import annotations

from bot.discord.notes._cog import listing_embed
from bot.storage.notes import StoredNote
from bot.uploads.service import Listing
from tests.storage.conftest import T0

FILES = [StoredNote("a.md", 120, "0" * 64, None, None, 7, T0)]


def test_a_change_being_built_says_so() -> None:
    description = listing_embed(Listing(FILES, True, up_to_date=False)).description or ""
    assert "⏳ The latest changes are still being built." in description and "failed" not in description


def test_a_failed_build_says_when_and_what_to_do_instead() -> None:
    listing = Listing(FILES, True, up_to_date=False, build_failed_at=T0)
    description = listing_embed(listing).description or ""
    assert "still being built" not in description
    assert f"The last build of these notes failed (<t:{int(T0.timestamp())}:f>)" in description
    assert "The files are kept" in description and "try /notes add again" in description


def test_a_first_stage_says_the_quiz_questions_are_being_made() -> None:
    description = listing_embed(Listing(FILES, True, up_to_date=True, quiz_ready=False)).description or ""
    assert "⏳ Answers already come from the latest files; their quiz questions are still being made" in description
    assert "being built" not in description


def test_quiz_questions_that_could_not_be_made_say_so_not_that_they_are_coming() -> None:
    listing = Listing(FILES, True, up_to_date=True, quiz_ready=False, quiz_failed_at=T0)
    description = listing_embed(listing).description or ""
    assert (
        f"⚠️ Answers come from the latest files, but making their quiz questions failed (<t:{int(T0.timestamp())}:f>)"
        in description
    )
    assert "still being made" not in description and "try /notes add again" in description


def test_an_up_to_date_library_says_none_of_these() -> None:
    description = listing_embed(Listing(FILES, True, up_to_date=True)).description or ""
    assert "being built" not in description and "failed" not in description and "being made" not in description
