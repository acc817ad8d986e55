"""What every kind of prompt shares: framing a sentence so it stands alone, checks, accepted forms, scores."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz

from bot.quiz.distractors import Tags
from bot.quiz.item import ItemKind, QuizItem, prompt_id, stable_hash
from bot.quiz.normalise import mentions, normalise
from bot.quiz.sentences import Sentence, plain
from bot.quiz.siblings import Siblings
from bot.quiz.terms import GENERIC_LABEL

T = TypeVar("T")
BLANK = "_____"
TRUE_FALSE_LEAD = "True or false? "  # how every true/false question opens
BLANK_MARK = "\ue000"  # stands for a blank until markdown is stripped (which would eat underscores)
NOTE_LABEL = re.compile(r"^(?:note|important|remember|reminder|good to know|fyi)\s*:\s*", re.IGNORECASE)
# Sentences that lean on something outside themselves (a picture, a link, the author) cannot stand alone.
LEANS_ON_CONTEXT = re.compile(
    r"https?://|www\.|\b(?:here|below|above|following|screenshot|image|diagram|picture|figure|shown|click"
    r"|good read|read more|this example|the example|the rest|call this|called this)\b|[<>{}]"
    r"|\b(?:assume|suppose|imagine|let's say|lets say|let's|let us|consider|in our case|a scenario|the sample"
    r"|if (?:we|you) have)\b"
    r"|^(?:so|thus|also|then|and|but|or|this|these|it|they|meanwhile|namely|furthermore|however|otherwise"
    r"|in other words|for example|for instance|example|e\.g\.)\b"
    r"|\b(?:this|these|that) (?:limitation|case|step|feature|option|way|approach|setting|one|scenario)s?\b"
    r"|\b(?:do|does|doing|did) (?:this|that)\b|\b(?:after|before|like) (?:that|this)\b|\bsomething like\b",
    re.IGNORECASE,
)
# Headings and lines the notes themselves mark as out of date: what sits under them is not asked as current.
DATED_HEADING = re.compile(
    r"\b(?:old generation|previous generation|legacy|deprecated|obsolete|outdated|retired|before"
    r"(?: (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)? (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# Examples and step-by-step procedures: their figures and names are the example's choices, not facts to learn.
EXAMPLE_FRAME = re.compile(
    r"\b(?:examples?|scenarios?|walk-?through|demo|tutorial|hands-on|steps|step \d+)\b", re.IGNORECASE
)
DATED_LINE = re.compile(
    r"\b(?:is|are|was|were|now|being|been)\s+(?:deprecated|obsolete|retired|discontinued)\b|\breplaced by\b"
    r"|\bno longer (?:supported|available|recommended|offered)\b",
    re.IGNORECASE,
)
MERITS = re.compile(r"\b(?:advantages?|disadvantages?|benefits?|pros|cons|use ?cases?)\b", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\bI\b(?!\.)|\bI'[a-z]+\b|\b[Mm]y\b|\bme\b")
MIN_WORDS, MAX_WORDS = 5, 40
MIN_MISSPELT, MISSPELT_SIMILARITY = 6, 85  # "principla" in a question gives away "principal"
MAX_FRAME_CHARS = 50  # a longer list parent is a remark of its own, not a frame


@dataclass(frozen=True)
class Candidate:
    """A prompt before selection, with how good a study question it looks."""

    prompt: QuizItem
    score: float


@dataclass(frozen=True)
class NotesFacts:
    """What the makers know about the whole notes: acronyms, stand-in terms, how often names occur, the tags the
    notes give names in parentheses."""

    acronyms: Mapping[str, str]
    siblings: Siblings
    name_counts: Mapping[str, int]
    tags: Tags


def pick(key: str, options: Sequence[T]) -> T:
    """A deterministic choice that depends only on `key`."""
    return options[stable_hash(key) % len(options)]


def shuffled(key: str, items: Sequence[T]) -> list[T]:
    """A deterministic order that depends only on `key`."""
    return sorted(items, key=lambda item: stable_hash(f"{key}\x1f{item}"))


def framing(sentence: Sentence) -> str:
    """Where a sentence sits, briefly: its nearest heading that names something, and a short list parent."""
    named = [h for h in sentence.heading_path if h and not GENERIC_LABEL.search(h)]
    parts = [named[-1] if named else sentence.topic]
    frames = [plain(c.text).rstrip(":").strip() for c in sentence.context[-1:]]
    parts.extend(f for f in frames if len(f) <= MAX_FRAME_CHARS and not GENERIC_LABEL.search(f))
    return " › ".join(dict.fromkeys(p for p in parts if p))


def shown(markdown: str) -> str:
    """Markdown as a question shows it: plain text, blanks drawn, a leading 'Note:' dropped."""
    return NOTE_LABEL.sub("", plain(markdown)).replace(BLANK_MARK, BLANK)


def is_dated(sentence: Sentence) -> bool:
    """Whether a heading or framing line above the sentence marks what follows as out of date."""
    return any(DATED_HEADING.search(f) for f in _framers(sentence))


def is_example(sentence: Sentence) -> bool:
    """Whether the sentence sits under an example (a heading, pseudo-heading or list parent naming one): its
    figures are the example's choices, not facts to learn."""
    return any(EXAMPLE_FRAME.search(f) for f in _framers(sentence))


def in_list_of_merits(sentence: Sentence) -> bool:
    """Whether the sentence is an item of a list of advantages, benefits or use cases (its nearest heading or list
    parent says so): 'Multi-site setup for recovery' claims only that it is one, which its frame says, not it."""
    nearest = plain(sentence.context[-1].text) if sentence.context else (sentence.heading_path or ("",))[-1]
    return MERITS.search(nearest) is not None


def _framers(sentence: Sentence) -> list[str]:
    return [*sentence.heading_path, *(plain(c.text) for c in sentence.context)]


def stands_alone(text: str) -> bool:
    """Whether a sentence is prose that makes sense without its surroundings."""
    words = plain(text).split()
    leans = LEANS_ON_CONTEXT.search(plain(text)) or FIRST_PERSON.search(plain(text))
    return MIN_WORDS <= len(words) <= MAX_WORDS and not text.rstrip().endswith(":") and not leans


def accepted_forms(answer: str, acronyms: Mapping[str, str]) -> tuple[str, ...]:
    """Other spellings of an answer the notes define: its acronym or its expansion.

    'X (Y)' is also answered by X, and by Y only when one is the acronym of the other ('execve(2)' is never '2').
    """
    forms: list[str] = []
    labelled = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", answer)
    if labelled:
        name, label = labelled.groups()
        forms.append(name)
        spelled = normalise(acronyms.get(label, "")), normalise(acronyms.get(name, ""))
        if spelled[0] == normalise(name) or spelled[1] == normalise(label):
            forms.append(label)
    for acronym, expansion in acronyms.items():
        if normalise(answer) == normalise(acronym):
            forms.append(expansion)
        elif normalise(answer) == normalise(expansion):
            forms.append(acronym)
        elif mentions(answer, acronym) and not mentions(answer, expansion):
            forms.append(re.sub(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", expansion, answer))
    return tuple(dict.fromkeys(f for f in forms if normalise(f) != normalise(answer)))


def gives_away(question: str, answer: str, acronyms: Mapping[str, str]) -> bool:
    """Whether the question contains its own answer, its acronym or expansion, or a misspelling of it."""
    if any(mentions(question, form) for form in (answer, *accepted_forms(answer, acronyms))):
        return True
    wanted = normalise(answer)
    return len(wanted) >= MIN_MISSPELT and fuzz.partial_ratio(wanted, normalise(question)) >= MISSPELT_SIMILARITY


def build_prompt(
    kind: ItemKind,
    sentence: Sentence,
    question: str,
    answer: str,
    *,
    key: str,
    accepted: Sequence[str] = (),
    choices: Sequence[str] | None = None,
    start_line: int | None = None,
) -> QuizItem:
    """A QuizItem citing the sentence's line (and the framing lines above it that the answer may need)."""
    return QuizItem(
        id=prompt_id(kind, sentence.plain, key),
        kind=kind,
        question=" ".join(question.split()),
        answer=answer,
        accepted=tuple(accepted),
        choices=None if choices is None else tuple(choices),
        source=sentence.source,
        heading_path=sentence.heading_path,
        start_line=sentence.line if start_line is None else start_line,
        end_line=sentence.line,
        topic=sentence.topic,
        explanation=sentence.text,
    )
