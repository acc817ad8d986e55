"""Whether a 'which one is this?' statement fits its own side alone, as the notes themselves tell it.

- Said of another side too: a clause of the notes (in the statement's top-level section) about another offered
  side -- naming it, or written under its heading or list label -- states most of the statement's distinctive
  content (the idf-weighted share of its content words, at least SAID_TOO; a clause outside every side's lines
  carries its heading's words, so 'Only works for A & B' under a heading 'Wire Name Indication' says it of B)
  with no contrast between them (a negation on one side only, one against many, a degree word, other figures).
  That side is right too: it is no wrong choice.
- Said of the kind: the statement names what every side is ('... MTAs' beside three '... Mail Transfer Agent'
  sides, the notes spelling out MTA), so it is true of each.
- Told by contrast: a negated statement showing another side's own word ('No custom code' beside 'Custom
  Filter'): it is true of every side but that one.
- Tied by headings: a word of the statement rare in English that two or more headings naming its side alone carry,
  and none naming another side ('Enable tracing' beside a side whose headings read '... Tracing').
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from bot.quiz.candidates import accepted_forms
from bot.quiz.normalise import dropped_words, normalise, singular
from bot.quiz.quality import same_stem, shown_words, side_words
from bot.quiz.sentences import Sentence

SAID_TOO = 0.7  # share of a statement's distinctive content another side's line states
MIN_CONTENT = 2  # content words a statement needs before its content is compared
CONTENT_ZIPF = 5.6  # words as common as 'make' or 'work' carry no content
RARE_ZIPF = 4.0  # a heading word this rare in English names a side's own subject ('tracing' 3.6)
MIN_TIED_HEADINGS = 2
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
ASIDE = re.compile(r"\([^)]*\)")
CLAUSE_BREAK = re.compile(r"\s+--\s+|;\s+|\bbut\b", re.IGNORECASE)
# What follows these compares against a thing, it does not say the statement of it ('More costly than B').
COMPARED = re.compile(r"\b(?:than|unlike|vs\.?|versus|compared to|instead of)\b", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:no|not|never|without|cannot|can't|don't|doesn't|isn't|aren't|won't|n't)\b", re.I)
ONE = re.compile(r"\b(?:one|single)\b", re.IGNORECASE)
MANY = re.compile(r"\b(?:multiple|many|several|all)\b", re.IGNORECASE)
DEGREE = re.compile(r"\b(?:less|more|lower|lowest|higher|highest|fewer|least|most|faster|slower)\b", re.IGNORECASE)
FIGURE = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class _Clause:
    source: str
    line: int
    topic: str
    text: str
    framer: str  # the list label or heading right above it


def contrasted(statement: str, clause: str) -> bool:
    """Whether two texts say opposite things: a negation in one only, one against many, degree words that differ
    ('less frequently' / 'frequently'), or figures none of which they share."""
    if bool(NEGATION.search(statement)) != bool(NEGATION.search(clause)):
        return True
    if (ONE.search(statement) and MANY.search(clause)) or (MANY.search(statement) and ONE.search(clause)):
        return True
    if {w.lower() for w in DEGREE.findall(statement)} != {w.lower() for w in DEGREE.findall(clause)}:
        return True
    said, other = set(FIGURE.findall(statement)), set(FIGURE.findall(clause))
    return bool(said and other and not said & other)


class SideFacts:
    """What the notes say of each thing a 'which one is this?' prompt offers: built once per bank from every
    sentence of the notes, their headings and the acronyms they spell out (acronym -> each expansion)."""

    def __init__(
        self, sentences: Sequence[Sentence], headings: Iterable[str], glossary: Mapping[str, Sequence[str]]
    ) -> None:
        self._glossary = {a: [self._plain_words(e) for e in forms] for a, forms in glossary.items()}
        self._spelled = {a: [normalise(e) for e in forms] for a, forms in glossary.items()}
        self._acronyms = {a: forms[0] for a, forms in glossary.items() if forms}
        self._headings = sorted(set(headings))
        self._clauses = [
            _Clause(s.source, s.line, s.topic, part, s.context[-1].text if s.context else s.heading_path[-1])
            for s in sentences
            if s.heading_path
            for part in CLAUSE_BREAK.split(s.plain)
            if part.strip()
        ]
        counts = Counter(w for s in sentences for w in self._words(s.plain))
        self._idf = {w: math.log(len(sentences) / (1 + n)) for w, n in counts.items()}
        self._total = len(sentences)

    def choices_for(self, statement: str, side: str, sides: Sequence[str], source: str, line: int) -> list[str]:
        """The sides worth offering for a statement at `line` of `source` (in their order): `sides` without those
        the notes say it of too; [] when it fits no one side (said of the kind, told by contrast, tied by
        headings) or fewer than two sides are left."""
        if (
            len(sides) < 2
            or self.names_the_kind(statement, sides)
            or told_by_contrast(statement, side, sides)
            or self.tied_by_headings(statement, side, sides)
        ):
            return []
        also = self.others_right(statement, side, sides, source, line)
        kept = [s for s in sides if s not in also]
        return kept if len(kept) >= 2 else []

    def others_right(self, statement: str, side: str, sides: Sequence[str], source: str, line: int) -> set[str]:
        """The sides other than `side` that a clause of the notes (not the statement's own line) says the
        statement of (see the module's first rule)."""
        wanted = self._content(statement) - self._side_words(sides)
        weight = sum(self._weight(w) for w in wanted)
        if len(wanted) < MIN_CONTENT or not weight:
            return set()
        topic = next((c.topic for c in self._clauses if c.source == source and c.line == line), None)
        found: set[str] = set()
        for clause in self._clauses:
            if clause.topic != topic or (clause.source, clause.line) == (source, line):
                continue
            about = self._about(clause, sides) - {side}
            if not about - found or self._is_a_name(clause.text, sides):
                continue  # a label line ('Disk (v1)') says nothing of its own
            said = self._content(clause.text)
            if not any(self._names(clause.framer, s) for s in sides):
                said |= self._content(clause.framer)
            share = sum(self._weight(w) for w in wanted & said) / weight
            if share >= SAID_TOO and not contrasted(statement, clause.text):
                found |= about
        return found

    def names_the_kind(self, statement: str, sides: Sequence[str]) -> bool:
        """Whether the statement names what every side is: the two or more last words all sides share ('Load
        Balancer'), or an acronym the notes spell out with them at the end, singular or plural."""
        tails = [normalise(ASIDE.sub(" ", s)).split() for s in sides]
        shared = 0
        while shared < min(map(len, tails)) and len({tuple(t[-shared - 1 :]) for t in tails}) == 1:
            shared += 1
        if shared < 2:
            return False
        kind = " ".join(tails[0][-shared:])
        names = [kind] + [a for a, forms in self._spelled.items() if any(f" {f}".endswith(f" {kind}") for f in forms)]
        text = f" {normalise(statement)} "
        return any(f" {normalise(n)} " in text or f" {normalise(n)}s " in text for n in names)

    def tied_by_headings(self, statement: str, side: str, sides: Sequence[str]) -> bool:
        """Whether a rare word of the statement is one two or more headings naming `side` alone carry, and no
        heading naming another side alone."""
        drop = self._side_words(sides)
        rare = {w for w in self._content(statement) - drop if zipf_frequency(w, "en") < RARE_ZIPF}
        if not rare:
            return False
        carried = {s: self._carried(rare, s, sides, drop) for s in sides}
        others = set().union(*(carried[s] for s in sides if s != side))
        return bool({w for w, n in carried[side].items() if n >= MIN_TIED_HEADINGS} - others)

    def _carried(self, rare: set[str], side: str, sides: Sequence[str], drop: frozenset[str]) -> Counter[str]:
        """How many headings naming `side` and no other side carry each rare word (by stem)."""
        found: Counter[str] = Counter()
        for heading in self._headings:
            if self._names(heading, side) and not any(self._names(heading, o) for o in sides if o != side):
                words = self._content(heading) - drop
                found.update(w for w in rare if any(same_stem(w, h) for h in words))
        return found

    def _about(self, clause: _Clause, sides: Sequence[str]) -> set[str]:
        """The sides a clause speaks of: the one its label or heading names, else those it names itself (before
        any 'than' or 'unlike')."""
        framed = {s for s in sides if self._names(clause.framer, s)}
        if len(framed) == 1:
            return framed
        subject = COMPARED.split(clause.text)[0]
        return {s for s in sides if self._names(subject, s)}

    def _is_a_name(self, text: str, sides: Sequence[str]) -> bool:
        bare = normalise(ASIDE.sub(" ", text))
        return any(bare in self._forms(s) for s in sides)

    def _names(self, text: str, side: str) -> bool:
        padded = f" {normalise(text)} "
        return any(f" {form} " in padded for form in self._forms(side))

    @lru_cache(maxsize=4096)  # noqa: B019 - one SideFacts per bank, dropped with it
    def _forms(self, side: str) -> tuple[str, ...]:
        bare = ASIDE.sub(" ", side).strip()
        spelled = [side, bare, *accepted_forms(side, self._acronyms), *accepted_forms(bare, self._acronyms)]
        return tuple(dict.fromkeys(f for f in (normalise(s) for s in spelled) if f))

    def _side_words(self, sides: Sequence[str]) -> frozenset[str]:
        """The words of every side's name: they tell nothing about which side a statement is of."""
        return frozenset().union(*(self._words(s) for s in sides))

    def _weight(self, word: str) -> float:
        return self._idf.get(word, math.log(self._total))

    @lru_cache(maxsize=65536)  # noqa: B019 - as above
    def _content(self, text: str) -> frozenset[str]:
        return frozenset(w for w in self._words(text) - dropped_words() if zipf_frequency(w, "en") < CONTENT_ZIPF)

    def _words(self, text: str) -> frozenset[str]:
        """A text's words (singular, lower case), with the acronym of any expansion the text spells out."""
        found = self._plain_words(text)
        spelled = {a.lower() for a, forms in self._glossary.items() if any(f and f <= found for f in forms)}
        return found | spelled

    @staticmethod
    def _plain_words(text: str) -> frozenset[str]:
        return frozenset(singular(w.lower()) for w in WORD.findall(text))


def told_by_contrast(statement: str, side: str, sides: Sequence[str]) -> bool:
    """Whether a negated statement shows a word only another side has ('No custom code' beside 'Custom Filter')."""
    if not NEGATION.search(statement):
        return False
    seen = shown_words(statement)
    return any(same_stem(w, s) for o in sides if o != side for w in side_words(o, sides) for s in seen)
