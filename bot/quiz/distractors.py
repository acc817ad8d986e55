"""Whether a stand-in fits the question it is offered in: a wrong choice the question's own words rule out tells
the answer as surely as the answer itself.

A stand-in is ruled out when the question states a quantity of the answer's dimension and the stand-in lies on the
other side of it ("if the default of _____ is too long, use 180 seconds": never 60 seconds); when it is another
kind of thing than the answer (its head word differs: 'Priority Scheduling' beside 'Round Robin Scheduler',
'ObjectLockMode' beside 'ListObjects'); when its number differs ('Event Routers' beside a singular answer is shown
singular, or dropped); and when the question shows a tag the notes give the answer in
parentheses ('cold1 (tape)') and the notes tag the stand-in otherwise ('fast1 (flash)').
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from bot.quiz.normalise import normalise, singular
from bot.quiz.quantities import read_quantity

Tags = Mapping[str, frozenset[str]]  # normalised term -> the words the notes put in parentheses after it
# "`fast1`/`fast2` (flash)", "`cold1`(tape)": one to three names, then a short tag in parentheses.
TAGGED = re.compile(r"(?P<names>[\w.-]+(?:\s*/\s*[\w.-]+){0,2})\s*\((?P<tag>[A-Za-z][\w-]*(?: [\w-]+)?)\)")
NOT_A_TAG = re.compile(r"^(?:e\.?g|i\.?e|ex|eg|see|or|and|aka|optional|default)\b", re.IGNORECASE)
TAG_WORD = re.compile(r"[A-Za-z][\w-]*")
QUANTITY_SPAN = re.compile(r"\d[\d,.]*\s*(?:[A-Za-z%/]+(?:\s*/\s*[A-Za-z]+)?)?")
PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
IDENTIFIER = re.compile(r"[a-z][A-Z]|[_./:]")
ARTICLE_BEFORE_BLANK = re.compile(r"\b([Aa])n?(\s+)(?=_____)")


def tags_of(texts: Iterable[str]) -> dict[str, frozenset[str]]:
    """The tags the notes give names in parentheses right after them ('`cold1`(tape)' -> cold1: {tape}), read from
    `texts`, by normalised name. A tag that spells out or abbreviates the name (an acronym) is no tag."""
    found: dict[str, set[str]] = {}
    for text in texts:
        clean = text.replace("`", "").replace("**", "")
        for match in TAGGED.finditer(clean):
            tag = match.group("tag")
            if NOT_A_TAG.match(tag):
                continue
            group = match.group("names")
            parts = [p.strip() for p in group.split("/")]
            if _spells(tag, clean[: match.end("names")]) or (len(parts) == 1 and _spells(parts[0], tag)):
                continue
            for name in {group, *parts}:
                found.setdefault(normalise(name), set()).update(w.lower() for w in TAG_WORD.findall(tag) if len(w) > 1)
    return {name: frozenset(words) for name, words in found.items()}


def _spells(acronym: str, words: str) -> bool:
    """Whether `acronym` is the initials of the last words of `words` ('SMS' of '... Short Message Service')."""
    letters = acronym.replace(" ", "").lower()
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", words)).lower()
    return len(letters) >= 2 and initials.endswith(letters)


def fitted(stem: str, answer: str, choice: str, tags: Tags) -> str | None:
    """`choice` as it may stand beside `answer` in the question `stem` (perhaps put in the answer's number), or
    None when the stem rules it out."""
    if not _same_side(stem, answer, choice) or not same_tag(stem, answer, choice, tags):
        return None
    if read_quantity(answer) is not None:
        return choice
    if not _same_head(answer, choice):
        return None
    return _in_number_of(choice, answer)


def neutral_article(question: str) -> str:
    """'an _____' -> 'a(n) _____': the article before a blank must not tell which choice follows."""
    return ARTICLE_BEFORE_BLANK.sub(r"\1(n)\2", question)


def _base(text: str) -> tuple[float, str] | None:
    reading = read_quantity(text)
    if reading is None or reading.unit is None:
        return None
    base = reading.quantity.to_base_units()
    return float(base.magnitude), str(base.dimensionality)


def _same_side(stem: str, answer: str, choice: str) -> bool:
    """Every quantity the stem states in the answer's dimension lies on the same side of the answer and the choice:
    'a default of _____ is too long, use 180 seconds' implies more than 180 seconds."""
    wanted, offered = _base(answer), _base(choice)
    if wanted is None or offered is None:
        return True
    for span in QUANTITY_SPAN.finditer(stem):
        said = _base(span.group(0))
        if said is None or said[1] != wanted[1] or said[0] == wanted[0]:
            continue
        if (wanted[0] > said[0]) != (offered[0] > said[0]) or offered[0] == said[0]:
            return False
    return True


def same_tag(stem: str, answer: str, choice: str, tags: Tags) -> bool:
    """When the stem shows one of the answer's tags ('tape'), a tagged choice carries it too."""
    shown = {w.lower() for w in TAG_WORD.findall(stem)} & tags.get(normalise(answer), frozenset())
    theirs = tags.get(normalise(choice), frozenset())
    return not shown or not theirs or bool(shown & theirs)


def _parts(term: str) -> list[str]:
    words = term.split()
    return words if len(words) > 1 else PART.findall(term)


def _same_head(answer: str, choice: str) -> bool:
    """Names of two or more words (or identifier parts) share their last one, singular: the kind of thing they
    are ('... Scheduler', '...Object'). Capitalised codes ('COLD_TIER', 'WARM_ONLY') are values, not kinds."""
    if answer.isupper() and choice.isupper():
        return True
    mine, theirs = _parts(answer), _parts(choice)
    if len(mine) < 2 or len(theirs) < 2:
        return True
    return singular(mine[-1].lower()) == singular(theirs[-1].lower())


def _is_plural(word: str) -> bool:
    return word.isalpha() and not word.isupper() and singular(word.lower()) != word.lower()


def _in_number_of(choice: str, answer: str) -> str | None:
    """The choice in the answer's number: a plural choice beside a singular answer is made singular ('Event
    Routers' -> 'Event Router'); a singular one beside a plural answer is dropped. Identifiers
    ('ListObjects', 'PutObject') are spelled as they are."""
    mine, theirs = answer.split()[-1], choice.split()[-1]
    if IDENTIFIER.search(mine) or IDENTIFIER.search(theirs) or _is_plural(mine) == _is_plural(theirs):
        return choice
    if _is_plural(mine):
        return None
    head = singular(theirs.lower())
    word = theirs[: len(head)] if theirs.lower().startswith(head) else theirs[0] + head[1:]
    return choice[: len(choice) - len(theirs)] + word
