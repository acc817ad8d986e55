"""'Which one is this?' prompts from sibling sections of one kind.

Headings side by side under one parent that end in the same word ('Simple Routing Policy', 'Weighted Routing
Policy', 'Latency Routing Policy') name things of one kind; a line written under one of them is asked as a choice
among them: the strongest kind of prompt (a comparison), found where the notes do not write 'X vs Y'. A line that
another sibling section repeats nearly word for word is true of both and not asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.knowledge.markdown import heading_of
from bot.quiz.candidates import Candidate, build_prompt, gives_away, shuffled, stands_alone
from bot.quiz.comparisons import VERSUS
from bot.quiz.item import ItemKind
from bot.quiz.normalise import mentions, singular
from bot.quiz.sentences import Sentence

SIBLING_SCORE = 4.0
MAX_CHOICES = 4
MIN_WORDS, MAX_WORDS = 2, 6  # a side is a modifier and the shared head word ('Weighted Routing Policy'); a longer
# title is a remark about the kind ('Load Balancer Security Group with ... Load Balancer'), not one of it
# 'Reading Data', 'Writing Data', 'Deleting Data': when every side opens with a verb's -ing form, the sections are
# things done, not things of a kind ('Rolling Deployment' beside 'Immutable Deployment' is one).
ACTIVITY = re.compile(r"^[A-Za-z]+ing\b")
QUANTITY = re.compile(r"\d[\d,.]*\s*(?:%|[A-Za-z]+)")
MAX_QUANTITIES = 1  # 'Size from 1 GiB to 16 TiB': a line of figures is a spec sheet, asked as figures if at all
REPEATED = 80  # token-set similarity (0-100) above which a line under another sibling says the same
ASIDE = re.compile(r"\s*\([^)]*\)|\s+--\s.*$")


@dataclass(frozen=True)
class Section:
    """A heading: its plain title, level, line, and the title of its parent heading ('' at the top)."""

    title: str
    level: int
    line: int
    parent: str


def sections_of(lines: Sequence[str]) -> list[Section]:
    """Every heading of a file with its parent heading."""
    found: list[Section] = []
    open_: list[Section] = []
    for number, line in enumerate(lines, start=1):
        heading = heading_of(line)
        if heading is None:
            continue
        level, title = heading
        while open_ and open_[-1].level >= level:
            open_.pop()
        section = Section(title, level, number, open_[-1].title if open_ else "")
        found.append(section)
        open_.append(section)
    return found


def side_name(title: str) -> str:
    """A heading as a choice: without asides ('Classic Load Balancer (v1 -- old generation)' -> 'Classic Load
    Balancer')."""
    return " ".join(ASIDE.sub("", title).split())


def _head(name: str) -> str:
    words = name.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return ""
    return singular(words[-1].lower())


def kinds_of(sections: Iterable[Section]) -> dict[str, list[str]]:
    """Heading title -> the side names of its kind (itself first among them in notes order): sibling headings (one
    parent, one level) whose names end in the same word, three or more of them; none that compares ('X vs Y')."""
    groups: dict[tuple[str, int, str], list[Section]] = {}
    for section in sections:
        head = _head(side_name(section.title))
        if head and not VERSUS.search(section.title):
            groups.setdefault((section.parent, section.level, head), []).append(section)
    kinds: dict[str, list[str]] = {}
    for members in groups.values():
        names = list(dict.fromkeys(side_name(m.title) for m in members))
        if len(names) >= MAX_CHOICES - 1 and not all(ACTIVITY.match(n) for n in names):
            for member in members:
                kinds[member.title] = names
    return kinds


def sibling_candidates(
    lines: Iterable[Sentence], source_lines: Mapping[str, Sequence[str]], acronyms: Mapping[str, str]
) -> list[Candidate]:
    """One candidate per line written right under a heading of a kind (not under a sub-heading or a list parent)."""
    sentences = list(lines)
    kinds = {source: kinds_of(sections_of(text)) for source, text in source_lines.items()}
    under: dict[tuple[str, str], list[str]] = {}
    for sentence in sentences:
        if sentence.heading_path:
            under.setdefault((sentence.source, side_name(sentence.heading_path[-1])), []).append(sentence.plain)
    candidates = []
    for sentence in sentences:
        names = kinds.get(sentence.source, {}).get(sentence.heading_path[-1]) if sentence.heading_path else None
        if names is None or sentence.context:
            continue
        candidate = _candidate(sentence, names, under, acronyms)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _candidate(
    sentence: Sentence, names: list[str], under: Mapping[tuple[str, str], list[str]], acronyms: Mapping[str, str]
) -> Candidate | None:
    side = side_name(sentence.heading_path[-1])
    statement = sentence.plain
    others = [n for n in names if n != side]
    if not stands_alone(statement) or any(gives_away(statement, n, acronyms) or mentions(statement, n) for n in names):
        return None
    if len(QUANTITY.findall(statement)) > MAX_QUANTITIES or _repeated(statement, sentence.source, others, under):
        return None
    key = f"{sentence.plain}\x1f{side}"
    parent = sentence.heading_path[-2] if len(sentence.heading_path) >= 2 else sentence.topic
    if len(names) < MAX_CHOICES:  # two or three sides: named in the question, as a comparison's are
        question = f"{parent} — {' or '.join(names)}: which one is this? “{statement}”"
        prompt = build_prompt(ItemKind.COMPARISON, sentence, question, side, key=side, choices=names)
    else:
        choices = shuffled(key, [side, *others[: MAX_CHOICES - 1]])
        question = f"{parent} — which one is this? “{statement}”"
        prompt = build_prompt(ItemKind.MULTIPLE_CHOICE, sentence, question, side, key=key, choices=choices)
    return Candidate(prompt, SIBLING_SCORE)


def _repeated(statement: str, source: str, others: list[str], under: Mapping[tuple[str, str], list[str]]) -> bool:
    """Whether a line under another side says nearly the same (then it is true of both)."""
    return any(fuzz.token_set_ratio(statement, said) >= REPEATED for n in others for said in under.get((source, n), []))
