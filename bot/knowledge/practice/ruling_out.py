"""Lines of the notes that rule an option out: the option changes something the notes say is fixed when it is made.

"LSI must be defined at table creation time" rules out "Add a local secondary index to the existing table";
"Encryption has to be defined at launch time" rules out "Enable encryption on the running DB instance". A line
rules an option out when one of its clauses says a thing is fixed at creation (or cannot be changed after it),
the option acts on that thing (the clause's two rarest words are the option's, or the stem's and at least one the
option's), and the option acts on something that already exists (it says so, or the stem does and the option
makes nothing new).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.knowledge.analysis.analyser import terms
from bot.knowledge.practice.term_index import TermIndex

FIXED_AT_CREATION = re.compile(
    r"\b(?:at|during)\s+(?:\w+\s+){0,2}(?:creation|launch)\b"
    r"|\bdecided once\b"
    r"|\b(?:cannot|can't|can not)\s+(?:\w+\s+){0,4}after\s+(?:\w+\s+)?creat"
    r"|\bafter\s+creat\w*\b[^.;]{0,80}\b(?:cannot|can't|can not)\s+chang",
    re.IGNORECASE,
)
# Clauses end at these; a parenthesis stays with the words before it ("primary key (decided once at creation)").
CLAUSE_BREAK = re.compile(r"[;)]|--|\bbut\b", re.IGNORECASE)
# Words of the rule itself, not of what it is about.
RULE_WORDS = frozenset(
    terms("defined define creation create created creating launch time set must decided once change after cannot")
)
ON_EXISTING = re.compile(r"\b(?:existing|already|running|current|currently)\b", re.IGNORECASE)
MAKES_NEW = re.compile(r"\b(?:new|create|creates|restore|restores|launch|launches|copy|copies)\b", re.IGNORECASE)
SUBJECT_WORDS = 2  # a clause is about its rarest words


def fixed_subjects(line: str, index: TermIndex) -> list[frozenset[str]]:
    """For each clause of `line` saying something is fixed at creation, the terms of what is fixed."""
    subjects = []
    for clause in CLAUSE_BREAK.split(line):
        if not FIXED_AT_CREATION.search(clause):
            continue
        words = [t for t in dict.fromkeys(terms(clause)) if t not in RULE_WORDS and index.knows(t)]
        rarest = sorted(words, key=lambda t: -index.idf(t))[:SUBJECT_WORDS]
        if rarest:
            subjects.append(frozenset(rarest))
    return subjects


def acts_on_existing(stem: str, option: str) -> bool:
    """Whether the option changes something already there rather than making a new one."""
    return bool(ON_EXISTING.search(option)) or (bool(ON_EXISTING.search(stem)) and not MAKES_NEW.search(option))


def rules_out(lines: Sequence[str], named: frozenset[str], context: frozenset[str], index: TermIndex) -> bool:
    """Whether one of `lines` fixes at creation a thing the option acts on: the clause's subject is among the
    option's terms and the titles it names (`named`), partly also the stem's (`context`), never the stem's alone."""
    return any(
        subject <= named | context and subject & named for line in lines for subject in fixed_subjects(line, index)
    )
