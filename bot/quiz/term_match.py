"""Whether a typed answer names the same term as the expected one.

Forgiven: case, punctuation, hyphens, plurals, one slip in a long word, the acronym or expansion (those the
notes define, else the initials), a leading product name (`RDP security groups`, `layer 7` for `OSI layer 7`)
and a trailing generic noun (`PutItem API call`). Never forgiven: another word, a cut-short word (`execv` for
`execve`), other digits, or a part of a hyphenated compound (`RSA` for `PKCS-RSA`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.quiz.normalise import dropped_words, singular

LINKING_WORDS = frozenset({"of", "and", "for", "to", "with", "on", "in", "by"})
# Nouns that name the kind of thing rather than the thing: adding one never changes which term is meant.
GENERIC_NOUNS = {
    "api", "call", "operation", "action", "request", "method", "function", "command", "volume", "service",
    "feature", "option", "setting", "mode", "resource", "endpoint", "parameter", "flag",
}  # fmt: skip
WORD = re.compile(r"[^\W_]+(?:[-/][^\W_]+)*|%")
MARKERS = re.compile(r"\*\*|__|[`*~]")

Glossary = Mapping[str, Sequence[str]]  # acronym -> the expansions the notes give it


@dataclass(frozen=True)
class Token:
    """One word: its comparable form, whether it names a product (caps or digits), its hyphen compound."""

    text: str
    name_like: bool
    compound: int
    hyphen_prefix: bool = False  # "multi" in "Multi-AZ": may be typed in full ("multiple")
    acronym: bool = False  # written in capitals ("ACL", "MP3"): kept whole in initials


def tokens(text: str) -> list[Token]:
    """Comparable words of `text`: 'Multi-AZ' -> multi, az (one compound); 'SGs' -> sg; 'replicas' -> replica."""
    text = MARKERS.sub("", unicodedata.normalize("NFKC", text)).replace("&", " and ")
    out: list[Token] = []
    for compound, match in enumerate(WORD.finditer(text.replace("'", ""))):
        parts = re.split(r"([-/])", match.group(0))
        for index in range(0, len(parts), 2):
            word = parts[index]
            plural_acronym = re.fullmatch(r"([A-Z][A-Z0-9]+)s", word)
            base = plural_acronym.group(1) if plural_acronym else word
            name_like = bool(re.search(r"\d|[A-Z].*[A-Z]|^[a-z]+[A-Z]", base))
            hyphen = index + 1 < len(parts) and parts[index + 1] == "-"
            acronym = bool(re.fullmatch(r"[A-Z][A-Z0-9]+", base))
            out.append(Token(singular(base.lower()), name_like, compound, hyphen, acronym))
    return out


def initials(words: Sequence[Token]) -> set[str]:
    """'security groups' -> sg, 'Network ACL' -> nacl, 'Layer 4' -> l4, 'Point In Time Recovery' -> pitr or ptr.

    Acronyms and digits are kept whole; small words may or may not count.
    """
    fillers = _fillers()
    spelled = [w.text if w.acronym or w.text.isdigit() else w.text[0] for w in words]
    content = [letter for letter, w in zip(spelled, words, strict=True) if w.text not in fillers]
    return {"".join(spelled), "".join(content)}


def _contract(words: list[Token], glossary: Glossary, acronyms: set[str]) -> list[Token]:
    """Runs of words spelling an acronym replaced by it: from the notes' expansions, else by initials of `acronyms`."""
    fillers = _fillers()
    expansions = [
        (acronym.lower(), [t.text for t in tokens(expansion) if t.text not in fillers])
        for acronym, forms in glossary.items()
        for expansion in forms
    ]
    defined = {a.lower() for a in glossary}
    out: list[Token] = []
    index = 0
    while index < len(words):
        for size in range(min(6, len(words) - index), 1, -1):
            run = words[index : index + size]
            content = [w.text for w in run if w.text not in fillers]
            known = next((a for a, e in expansions if _same_words(e, content)), None)
            guess = next(iter(sorted(initials(run) & (acronyms - defined))), None)
            acronym = known or guess
            if acronym and run[0].text not in fillers and run[-1].text not in fillers:
                out.append(Token(acronym, True, run[0].compound, acronym=True))
                index += size
                break
        else:
            out.append(words[index])
            index += 1
    return out


def _fillers() -> frozenset[str]:
    """Words an acronym's initials may skip: linking words, articles and the notes' own vendor words."""
    return LINKING_WORDS | dropped_words()


def _without_fillers(words: list[Token]) -> list[Token]:
    fillers = _fillers()
    return [w for w in words if w.text not in fillers] or words


def _same_word(want: str, said: str, hyphen_prefix: bool = False, typos: bool = True) -> bool:
    """Equal, or one slip in a long word (a swap in a 4-letter one); never cut short, never other digits."""
    if want == said:
        return True
    if not typos:
        return hyphen_prefix and said.startswith(want) and len(said) <= len(want) + 4
    if hyphen_prefix and said.startswith(want) and len(said) <= len(want) + 4:
        return True
    if any(c.isdigit() for c in want + said) or want[:1] != said[:1] or len(want) < 4:
        return False
    if want.startswith(said) or said.startswith(want):
        return False
    if len(want) == 4:
        return sorted(want) == sorted(said) and OSA.distance(want, said) == 1
    return OSA.distance(want, said) <= (1 if len(want) < 8 else 2)


def _same_words(want: Sequence[str], said: Sequence[str]) -> bool:
    return len(want) == len(said) and all(_same_word(w, s) for w, s in zip(want, said, strict=True))


def _core_matches(want: list[Token], said: list[Token], typos: bool) -> bool:
    if len(want) != len(said):
        return False
    pairs = zip(want, said, strict=True)
    return all(_same_word(w.text, s.text, w.hyphen_prefix or s.hyphen_prefix, typos) for w, s in pairs)


def _trim(want: list[Token], said: list[Token], typos: bool) -> bool:
    """Whether `said` is `want` give or take a leading product name and trailing generic nouns, on either side."""
    for lead_w in range(len(want)):
        if not _droppable(want, lead_w):
            break
        for lead_s in range(1 if lead_w else len(said)):
            if not _droppable(said, lead_s):
                break
            if _tails_match(want[lead_w:], said[lead_s:], bool(lead_w), typos):
                return True
    return False


def _droppable(words: list[Token], lead: int) -> bool:
    """Whether the first `lead` words are a product name standing apart (not half of a hyphenated compound)."""
    if not lead:
        return True
    return all(t.name_like for t in words[:lead]) and words[lead - 1].compound != words[lead].compound


def _tails_match(want: list[Token], said: list[Token], dropped: bool, typos: bool) -> bool:
    for end in range(len(said), 0, -1):
        extra = said[end:]
        if extra and not all(t.text in GENERIC_NOUNS for t in extra):
            break
        if _core_matches(want, said[:end], typos) and (not dropped or not all(t.name_like for t in want)):
            return True
    generic_tail = len(want) > 1 and want[-1].text in GENERIC_NOUNS and any(t.name_like for t in want[:-1])
    return generic_tail and _core_matches(want[:-1], said, typos)


def same_term(expected: str, said: str, glossary: Glossary, typos: bool = True) -> bool:
    """Whether `said` names the term `expected` (see the module docstring); `typos=False` forgives no slip."""
    want, got = tokens(expected), tokens(said)
    if not want or not got:
        return False
    acronyms = {t.text for t in [*want, *got] if t.acronym}
    want_c, got_c = (_without_fillers(_contract(t, glossary, acronyms)) for t in (want, got))
    if "".join(t.text for t in want_c) == "".join(t.text for t in got_c):
        return True
    if len(got_c) == 1 and len(want_c) > 1 and got_c[0].text in initials(want_c):
        return True
    if len(want_c) == 1 and len(got_c) > 1 and want_c[0].text in initials(got_c):
        return True
    return _trim(want_c, got_c, typos)
