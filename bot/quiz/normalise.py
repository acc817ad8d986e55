"""One spelling for comparing answers: case, punctuation, articles, quotes, '&', plurals and the notes' own
vendor words (the profile's `dropped_words`, such as a product family's name) dropped."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.knowledge.profile import active_profile

SMART = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})
MARKERS = re.compile(r"\*\*|__|[`*_~]")
NOT_WORD = re.compile(r"(?<!\d)\.|\.(?!\d)|[^\w.%]+")
ARTICLES = frozenset({"a", "an", "the"})


def dropped_words() -> frozenset[str]:
    """Words left out when answers are compared: articles and the notes' own vendor words."""
    return ARTICLES | active_profile().dropped_words


def singular(word: str) -> str:
    """A rough singular: 'replicas' -> 'replica', 'policies' -> 'policy'; short words, acronyms and the notes'
    invariant plurals are kept."""
    return _singular(word, active_profile().invariant_plurals)


def _singular(word: str, invariant: frozenset[str]) -> str:
    if len(word) <= 3 or word in invariant or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The comparable words of `text`, in order."""
    profile = active_profile()
    return _words(text, profile.invariant_plurals, ARTICLES | profile.dropped_words)


def _words(text: str, invariant: frozenset[str], dropped: frozenset[str]) -> list[str]:
    text = unicodedata.normalize("NFKC", text).translate(SMART)
    text = MARKERS.sub("", text).lower().replace("&", " and ").replace("'", "")
    tokens = [_singular(t, invariant) for t in NOT_WORD.sub(" ", text).split()]
    kept = [t for t in tokens if t not in dropped]
    return kept or tokens


def normalise(text: str) -> str:
    """`text` as its comparable words joined by single spaces, under the profile in use."""
    profile = active_profile()
    return _normalised(text, profile.invariant_plurals, profile.dropped_words)


@lru_cache(maxsize=1 << 16)
def _normalised(text: str, invariant: frozenset[str], dropped: frozenset[str]) -> str:
    """Cached per profile: the word sets are part of the key (frozensets keep their hash)."""
    return " ".join(_words(text, invariant, ARTICLES | dropped))


def mentions(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words, after normalising both."""
    needle = normalise(phrase)
    return bool(needle) and f" {needle} " in f" {normalise(text)} "
