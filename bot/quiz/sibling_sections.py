"""'Which one is this?' prompts from sibling sections of one kind.

Headings side by side under one parent that end in the same word ('Round Robin Scheduler', 'Priority
Scheduler', 'Lottery Scheduler') name things of one kind; a line written under one of them is asked as a choice
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
from bot.quiz.comparisons import VERSUS, heading_line
from bot.quiz.item import ItemKind
from bot.quiz.normalise import mentions, singular
from bot.quiz.one_side import SideFacts
from bot.quiz.quality import COMPOUND_PART, answer_words, shown_words, shows_side_word
from bot.quiz.sentences import Sentence, plain
from bot.quiz.specificity import tied_to_one_side

SIBLING_SCORE = 4.0
MAX_CHOICES = 4
MIN_WORDS, MAX_WORDS = 2, 6  # a side is a modifier and the shared head word ('Lottery Scheduler'); a longer
# title is a remark about the kind ('Load Balancer Security Group with ... Load Balancer'), not one of it
# 'Reading Data', 'Writing Data', 'Deleting Data': when every side opens with a verb's -ing form, the sections are
# things done, not things of a kind ('Rolling Deployment' beside 'Immutable Deployment' is one).
ACTIVITY = re.compile(r"^[A-Za-z]+ing\b")
QUANTITY = re.compile(r"\d[\d,.]*\s*(?:%|[A-Za-z]+)")
MAX_QUANTITIES = 1  # 'Size from 1 GiB to 16 TiB': a line of figures is a spec sheet, asked as figures if at all
REPEATED = 80  # token-set similarity (0-100) above which a line under another sibling says the same
LABEL_LINE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+\*\*(?P<name>[^*]{2,40}?):?\*\*:?\s*$")  # '- **Binpack:**'
PARENTHESES = re.compile(r"\([^)]*\)")
ASIDE = re.compile(r"(?:\s*\([^)]*\)|\s+--\s.*)+$")  # trailing: 'X (v1 -- old generation)' -> 'X'; 'X (HDD) Y' stays


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
    """A heading as a choice: without the asides that end it ('Classic Load Balancer (v1 -- old generation)' ->
    'Classic Load Balancer'), so that its words stay as the notes write them."""
    return " ".join(ASIDE.sub("", title).split())


def _head(name: str) -> str:
    words = PARENTHESES.sub(" ", name).split()  # 'Fast Flash (FF) Disk Type': four words
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


def label_kinds(lines: Sequence[str]) -> dict[int, tuple[str, list[str]]]:
    """Label line -> its side name and the side names of its kind: list items that are only a bold label
    ('- **Binpack:**') with lines of their own below, side by side in one list (the same indentation, nothing but
    their own lines between them), two or more of them; a label that asks ('Is it worth caching?') names no
    thing."""
    groups: list[list[tuple[int, str]]] = []
    indent = -1
    for number, line in enumerate(lines, start=1):
        label = LABEL_LINE.match(line)
        depth = len(line) - len(line.lstrip())
        if label is not None and depth == indent and groups:
            groups[-1].append((number, side_name(plain(label.group("name")))))
        elif label is not None:
            groups.append([(number, side_name(plain(label.group("name"))))])
            indent = depth
        elif line.strip() and (depth <= indent or heading_of(line) is not None):
            indent = -1  # the list of labels ended
    kinds: dict[int, tuple[str, list[str]]] = {}
    for group in groups:
        named = [(n, name) for n, name in group if _has_lines_below(lines, n) and _names_a_thing(name)]
        variants = _variants([name for _, name in named])
        named = [(n, name) for n, name in named if name not in variants]
        names = list(dict.fromkeys(name for _, name in named))
        if len(names) >= 2 and not all(ACTIVITY.match(n) for n in names):
            kinds.update((n, (name, names)) for n, name in named)
    return kinds


def _variants(names: list[str]) -> set[str]:
    """The names that contain another or are contained in one, as text ('FetchItem', 'BatchFetchItem') or as
    words other than the most common ('Disk with TLS', 'Disk redirect TCP to TLS'): a variant shares
    most of what is said of the thing it varies, so a line under one is often true of the other."""
    squashed = {n: n.lower().replace(" ", "") for n in names}
    contained = {n for n, a in squashed.items() for b in squashed.values() if a != b and (a in b or b in a)}
    words = {n: answer_words(n, min_letters=1) for n in names}  # 'Disk with TLS' and 'Disk redirect TCP to TLS'
    return contained | {n for n, a in words.items() for m, b in words.items() if n != m and a and (a <= b or b <= a)}


def _names_a_thing(label: str) -> bool:
    return len(PARENTHESES.sub(" ", label).split()) <= MAX_WORDS and not label.rstrip().endswith("?")


def _has_lines_below(lines: Sequence[str], number: int) -> bool:
    """Whether the line after a list item's line (blank lines aside) is indented further: it has lines of its own."""
    depth = len(lines[number - 1]) - len(lines[number - 1].lstrip())
    below = next((line for line in lines[number:] if line.strip()), "")
    return len(below) - len(below.lstrip()) > depth


def sibling_candidates(
    lines: Iterable[Sentence],
    source_lines: Mapping[str, Sequence[str]],
    acronyms: Mapping[str, str],
    side_facts: SideFacts,
) -> list[Candidate]:
    """One candidate per line written right under a heading of a kind (not under a sub-heading or a list parent),
    or right under a list label of a kind; none under a heading or list item that compares ('X vs Y': the
    comparisons ask those). Offered are the sides the statement's words do not rule out and the notes do not say
    it of too (`SideFacts.choices_for`)."""
    sentences = list(lines)
    sections = {source: sections_of(text) for source, text in source_lines.items()}
    headings = {source: kinds_of(found) for source, found in sections.items()}
    labels = {source: label_kinds(text) for source, text in source_lines.items()}

    def side_of(sentence: Sentence) -> tuple[str, list[str], str, int] | None:
        """The sentence's side, the sides of its kind, the heading they sit under, and the line naming its side."""
        framers = [*sentence.heading_path, *(c.text for c in sentence.context)]
        if not sentence.heading_path or any(VERSUS.search(plain(f)) for f in framers):
            return None
        if sentence.context:
            found = labels[sentence.source].get(sentence.context[-1].line)
            return None if found is None else (*found, sentence.heading_path[-1], sentence.context[-1].line)
        title = sentence.heading_path[-1]
        names = headings[sentence.source].get(title)
        parent = sentence.heading_path[-2] if len(sentence.heading_path) >= 2 else sentence.topic
        line = heading_line(source_lines[sentence.source], sentence.line, title)
        return None if names is None or line is None else (side_name(title), names, parent, line)

    sides = [(sentence, side_of(sentence)) for sentence in sentences]
    under: dict[tuple[str, str], list[str]] = {}
    for sentence, side in sides:
        if side is not None:
            under.setdefault((sentence.source, side[0]), []).append(sentence.plain)
    candidates = []
    for sentence, side in sides:
        titles = [section.title for section in sections[sentence.source]] if side is not None else []
        candidate = None if side is None else _candidate(sentence, *side, titles, under, acronyms, side_facts)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _candidate(
    sentence: Sentence,
    side: str,
    names: list[str],
    parent: str,
    named_at: int,
    titles: Sequence[str],
    under: Mapping[tuple[str, str], list[str]],
    acronyms: Mapping[str, str],
    side_facts: SideFacts,
) -> Candidate | None:
    statement = sentence.plain
    others = [n for n in names if n != side]
    if not stands_alone(statement) or any(gives_away(statement, n, acronyms) or mentions(statement, n) for n in names):
        return None
    if len(QUANTITY.findall(statement)) > MAX_QUANTITIES or _repeated(statement, sentence.source, others, under):
        return None
    if tied_to_one_side(statement, side, names, titles):
        return None
    if len(names) >= MAX_CHOICES and shows_side_word(statement, side, names):
        return None  # a comparison (two or three sides) is checked so by `quality.assess`; a pick among four is not one
    names = side_facts.choices_for(statement, side, ruled_in(statement, side, names), sentence.source, sentence.line)
    if side not in names:
        return None
    others = [n for n in names if n != side]
    key = f"{sentence.plain}\x1f{side}"
    if len(names) < MAX_CHOICES:  # two or three sides: named in the question, as a comparison's are
        question = f"{parent} — {' or '.join(names)}: which one is this? “{statement}”"
        prompt = build_prompt(
            ItemKind.COMPARISON, sentence, question, side, key=side, choices=names, start_line=named_at
        )
    else:
        choices = shuffled(key, [side, *others[: MAX_CHOICES - 1]])
        question = f"{parent} — which one is this? “{statement}”"
        prompt = build_prompt(
            ItemKind.MULTIPLE_CHOICE, sentence, question, side, key=key, choices=choices, start_line=named_at
        )
    return Candidate(prompt, SIBLING_SCORE)


def ruled_in(statement: str, side: str, names: Sequence[str]) -> list[str]:
    """The names (in order) carrying every word of the statement that the side's name and only some others carry
    (singular): 'a cheap HDD disk' beside two '... (HDD) Disk' names of four rules out the other two."""
    seen = {singular(w) for w in shown_words(statement)}
    words = {n: {singular(w) for w in answer_words(n, min_letters=COMPOUND_PART)} for n in names}
    telling = {w for w in words[side] & seen if not all(w in found for found in words.values())}
    return [n for n in names if telling <= words[n]]


def _repeated(statement: str, source: str, others: list[str], under: Mapping[tuple[str, str], list[str]]) -> bool:
    """Whether a line under another side says nearly the same (then it is true of both)."""
    return any(fuzz.token_set_ratio(statement, said) >= REPEATED for n in others for said in under.get((source, n), []))
