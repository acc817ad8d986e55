"""'Which term is this?' prompts from lines that define a term: '**Term**: what it is' or 'Term: what it is'.

Terms defined side by side (the items of one list) are each other's stand-ins: the choices of a multiple choice,
and the term swapped in to make a true/false statement false.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from bot.knowledge.analysis.sentences import notes_sentences
from bot.quiz.candidates import (
    BLANK_MARK,
    TRUE_FALSE_LEAD,
    Candidate,
    accepted_forms,
    build_prompt,
    framing,
    gives_away,
    shown,
    shuffled,
    stable_hash,
    stands_alone,
)
from bot.quiz.distractors import Tags, same_tag
from bot.quiz.item import ItemKind, QuizItem
from bot.quiz.normalise import mentions
from bot.quiz.quality import answer_words, hints_at
from bot.quiz.quality import gives_away as answer_given_away
from bot.quiz.sentences import Sentence, plain
from bot.quiz.siblings import Embed, related
from bot.quiz.terms import GENERIC_LABEL, is_trivial

BOLD_LABEL = re.compile(
    r"^\*\*(?P<term>[^*:]{2,40}?)(?::\*\*|\*\*\s*(?:\([^)]*\))?\s*(?::|--|—|–|\s-\s))\s*(?P<body>.+)$"
)
PLAIN_LABEL = re.compile(r"^(?P<term>[A-Z`][\w`/.+-]*(?: [\w`/.+-]+){0,3}?)\s*(?:\([^)]*\))?\s*:\s+(?P<body>.+)$")
# A label that judges rather than names ("Recommended: ...", "Secure: ...", "Great combination: ...").
EVALUATIVE_LABEL = re.compile(
    r"^(?:not )?(?:recommended|great|good|bad|best|better|worse|secure|fast|faster|slow|cheap|cheaper|expensive"
    r"|easy|easier|simple|important|useful|optional|required|mandatory|possible|available|scalable|durable"
    r"|reliable|flexible|efficient|quick|quicker|ideal|perfect|popular|common)\b",
    re.IGNORECASE,
)
# An explanation that is only an example ("example -- every Thursday ...", "e.g. ...").
EXAMPLE_BODY = re.compile(r"^(?:e\.g\.?|eg\b|ex\b|example|for example|for instance|such as)", re.IGNORECASE)
MAX_BODY_CHARS = 300
WORD = re.compile(r"(?<![\w.])[A-Za-z]{3,}(?![\w.])")
QUANTITY = re.compile(r"\d[\d,.]*\s*(?:%|[A-Za-z]+)")
MAX_BODY_QUANTITIES = 2
MIN_BODY_WORDS = 3  # "4 GiB - 16 TiB" describes nothing: figures are asked for as figures
MIN_WORDS_BEFORE_NAME = 8  # an explanation cut before it names its own term needs this many words to say something
DEFINITION_SCORE = 4.0
MIN_OWN_WORDS = 2  # words a short explanation must have that its neighbour's lacks, to tell its term apart
SHORT_BODY = 4  # content words of a short explanation ('collection of logs from containers': 3)
FUNCTION_WORDS = frozenset(["the", "and", "for", "from", "with", "that", "this", "are", "was", "can", "its", "into"])
CHOICES = 4
# A false statement names a term of the same kind: 'Count' is no stand-in for 'Latency' (cosine 0.08), whereas
# 'Annotations' is one for 'Metadata' (0.46) and 'Mappings' for 'Parameters' (0.26).
STAND_IN_SIMILARITY = 0.2


@dataclass(frozen=True)
class Definition:
    sentence: Sentence
    term: str
    body: str


def parse_definition(sentence: Sentence) -> Definition | None:
    """The term and its explanation when the line reads as a definition of a term (not an evaluation, not an
    example, not a sub-case of a definition above it)."""
    text = sentence.text.strip()
    match = _label_match(text)
    if not match:
        return None
    term = plain(match.group("term")).strip()
    body = _shorten(match.group("body").strip())
    is_list = body.count(",") * 3 > len(body.split())
    if is_trivial(term) or GENERIC_LABEL.match(term) or EVALUATIVE_LABEL.match(term) or is_list:
        return None
    too_few_words = len(WORD.findall(plain(body))) < MIN_BODY_WORDS
    if len(QUANTITY.findall(plain(body))) >= MAX_BODY_QUANTITIES:
        return None  # "default 3 seconds, max is 900 seconds": the figures are the facts, asked as figures
    if EXAMPLE_BODY.match(plain(body)) or too_few_words or not stands_alone(body) or _under_definition(sentence):
        return None
    return Definition(sentence, term, body)


def _label_match(text: str) -> re.Match[str] | None:
    return BOLD_LABEL.match(text) or PLAIN_LABEL.match(text)


def _under_definition(sentence: Sentence) -> bool:
    """A list item below a definition is a case of it ('Servers: ...' under 'Deployment rules: ...')."""
    if not sentence.context:
        return False
    parent = _label_match(sentence.context[-1].text.strip())
    return parent is not None and stands_alone(parent.group("body"))


def _shorten(body: str) -> str:
    """The first sentences of a long explanation, at most MAX_BODY_CHARS."""
    kept = ""
    for piece in notes_sentences(body):
        if kept and len(kept) + len(piece) + 1 > MAX_BODY_CHARS:
            break
        kept = f"{kept} {piece}".strip()
    return kept


def _masked(text: str, forms: Iterable[str]) -> str:
    for form in forms:
        text = re.sub(rf"(?<![\w-]){re.escape(form)}(?![\w-])", BLANK_MARK, text, flags=re.IGNORECASE)
    return text


def _before_own_name(body: str, forms: Iterable[str]) -> str | None:
    """The explanation up to the first sentence naming its own term, or None when too little comes before it.

    Blanking the term inside its explanation reads broken and gives it away ('Thus, the _____ includes the
    integration _____'), so the sentences from that one on are left out: 'the time between ... and when it
    returns a response to the client.' is kept alone.
    """
    if BLANK_MARK not in _masked(body, forms):
        return body
    kept: list[str] = []
    for piece in notes_sentences(body):
        if BLANK_MARK in _masked(piece, forms):
            break
        kept.append(piece)
    text = " ".join(kept)
    return text if len(text.split()) >= MIN_WORDS_BEFORE_NAME else None


def _group(definition: Definition) -> tuple[str, tuple[str, ...], int | None]:
    """Definitions side by side: the same section and the same list parent."""
    sentence = definition.sentence
    return sentence.source, sentence.heading_path, sentence.context[-1].line if sentence.context else None


def definition_candidates(
    lines: Iterable[Sentence], acronyms: Mapping[str, str], tags: Tags, embed: Embed
) -> list[Candidate]:
    """Definition prompts: with 3+ other terms defined beside it that the explanation does not rule out, multiple
    choice among four (the three closest in meaning to it by `embed`), or (2+) a true/false statement that names
    the closest instead (when one is close enough to be of the same kind); else the term typed."""
    definitions = [d for d in map(parse_definition, lines) if d is not None]
    terms = sorted({d.term for d in definitions})
    vectors = dict(zip(terms, embed(terms), strict=True)) if terms else {}
    by_group: dict[tuple[str, tuple[str, ...], int | None], list[Definition]] = defaultdict(list)
    for definition in definitions:
        by_group[_group(definition)].append(definition)
    candidates = []
    for definition in definitions:
        candidate = _candidate(definition, by_group[_group(definition)], acronyms, tags, vectors)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _candidate(
    definition: Definition,
    group: list[Definition],
    acronyms: Mapping[str, str],
    tags: Tags,
    vectors: Mapping[str, np.ndarray],
) -> Candidate | None:
    sentence, term = definition.sentence, definition.term
    if _says_too_little(definition, group):
        return None
    forms = (term, *accepted_forms(term, acronyms))
    explanation = _before_own_name(definition.body, forms)
    if explanation is None:
        return None
    body = shown(explanation)
    question = f"{framing(sentence)} — which term is described? “{body}”"
    peers = list(dict.fromkeys(d.term for d in group if not related(d.term, term, acronyms)))
    # What the answer shares with the terms defined beside it ('Item' of 'PutItem', 'UpdateItem') tells nothing.
    shared = {w for p in peers for w in answer_words(p)}
    if gives_away(question, term, acronyms) or answer_given_away(term, body, acronyms, shared):
        return None
    rivals = [p for p in peers if mentions(body, p)]  # 'to react to metrics / events' beside Metrics and Events
    peers = [p for p in peers if p not in rivals and same_tag(body, term, p, tags)]
    peers.sort(key=lambda p: (-float(vectors[p] @ vectors[term]), p))  # the same kind of thing first
    key = f"{sentence.plain}\x1f{term}"
    few = len(peers) < CHOICES - 1  # too few for four choices: a statement instead
    as_statement = few or stable_hash(key) % 2 == 1
    alike = [p for p in peers if float(vectors[p] @ vectors[term]) >= STAND_IN_SIMILARITY]
    named = _named(definition, alike, key)
    # A statement whose explanation names a word of either term is settled by that word ('Mass
    # Spectrometry' beside GC-MS makes 'describes GC-FID' plainly false): asked by picking or typing instead.
    settled = answer_given_away(named, body, acronyms) or any(
        hints_at(t, body, acronyms, shared) for t in (term, named)
    )
    if len(peers) >= 2 and alike and as_statement and not settled:
        prompt = _true_false(definition, body, named, key)
    elif not few:
        choices = shuffled(key, [term, *peers[: CHOICES - 1]])
        prompt = build_prompt(ItemKind.MULTIPLE_CHOICE, sentence, question, term, key=key, choices=choices)
    elif rivals:
        return None  # typed, an explanation naming a term defined beside it has that term for a second answer
    else:
        prompt = build_prompt(ItemKind.DEFINITION, sentence, question, term, key=key, accepted=forms[1:])
    return Candidate(prompt, DEFINITION_SCORE)


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(plain(text))} - FUNCTION_WORDS


def _says_too_little(definition: Definition, group: list[Definition]) -> bool:
    """Whether a short explanation (at most SHORT_BODY words that say something) has fewer than MIN_OWN_WORDS words
    that some explanation beside it lacks: 'collection of logs from containers' beside 'collection of logs from
    application' says one word, which many terms fit."""
    own = _content_words(definition.body)
    if len(own) > SHORT_BODY:
        return False
    return any(len(own - _content_words(d.body)) < MIN_OWN_WORDS for d in group if d.term != definition.term)


def _named(definition: Definition, peers: list[str], key: str) -> str:
    """The term a statement names: its own (true) or the closest defined beside it (false), by the key's hash."""
    if stable_hash(f"{key}\x1ftrue") % 2 == 0 or not peers:
        return definition.term
    return peers[0]


def _true_false(definition: Definition, body: str, named: str, key: str) -> QuizItem:
    """'“explanation” describes Term': true as the notes say it, or false with a term defined beside it."""
    is_true = named == definition.term
    question = f"{TRUE_FALSE_LEAD}{framing(definition.sentence)} — “{body}” describes {named}."
    return build_prompt(ItemKind.TRUE_FALSE, definition.sentence, question, "True" if is_true else "False", key=key)
