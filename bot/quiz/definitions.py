"""'Which term is this?' prompts from lines that define a term: '**Term**: what it is' or 'Term: what it is'."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.quiz.candidates import (
    BLANK_MARK,
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
from bot.quiz.sentences import Sentence, plain, split_sentences
from bot.quiz.siblings import related
from bot.quiz.terms import GENERIC_LABEL, is_trivial

BOLD_LABEL = re.compile(
    r"^\*\*(?P<term>[^*:]{2,40}?)(?::\*\*|\*\*\s*(?:\([^)]*\))?\s*(?::|--|—|–|\s-\s))\s*(?P<body>.+)$"
)
PLAIN_LABEL = re.compile(r"^(?P<term>[A-Z`][\w`/.+-]*(?: [\w`/.+-]+){0,3}?)\s*(?:\([^)]*\))?\s*:\s+(?P<body>.+)$")
MAX_BODY_CHARS = 300
DEFINITION_SCORE = 4.0


@dataclass(frozen=True)
class Definition:
    sentence: Sentence
    term: str
    body: str


def parse_definition(sentence: Sentence) -> Definition | None:
    """The term and its explanation when the line reads as a definition."""
    text = sentence.text.strip()
    match = BOLD_LABEL.match(text) or PLAIN_LABEL.match(text)
    if not match:
        return None
    term = plain(match.group("term")).strip()
    body = _shorten(match.group("body").strip())
    is_list = body.count(",") * 3 > len(body.split())
    if is_trivial(term) or GENERIC_LABEL.match(term) or is_list or not stands_alone(body):
        return None
    return Definition(sentence, term, body)


def _shorten(body: str) -> str:
    """The first sentences of a long explanation, at most MAX_BODY_CHARS."""
    kept = ""
    for piece in split_sentences(body):
        if kept and len(kept) + len(piece) + 1 > MAX_BODY_CHARS:
            break
        kept = f"{kept} {piece}".strip()
    return kept


def _masked(text: str, forms: Iterable[str]) -> str:
    for form in forms:
        text = re.sub(rf"(?<![\w-]){re.escape(form)}(?![\w-])", BLANK_MARK, text, flags=re.IGNORECASE)
    return text


def definition_candidates(lines: Iterable[Sentence], acronyms: Mapping[str, str]) -> list[Candidate]:
    """Definition prompts; multiple choice among the terms defined under the same heading when there are 3+."""
    definitions = [d for d in map(parse_definition, lines) if d is not None]
    by_section: dict[tuple[str, tuple[str, ...]], list[Definition]] = defaultdict(list)
    for definition in definitions:
        by_section[(definition.sentence.source, definition.sentence.heading_path)].append(definition)
    candidates = []
    for definition in definitions:
        sentence, term = definition.sentence, definition.term
        forms = (term, *accepted_forms(term, acronyms))
        question = f"{framing(sentence)} — which term is described? “{shown(_masked(definition.body, forms))}”"
        if gives_away(question, term, acronyms):
            continue
        section = by_section[(sentence.source, sentence.heading_path)]
        peers = list(dict.fromkeys(d.term for d in section if not related(d.term, term, acronyms)))
        key = f"{sentence.plain}\x1f{term}"
        if len(peers) >= 2 and stable_hash(key) % 2 == 0:
            choices = shuffled(key, [term, *peers[:3]])
            prompt = build_prompt("multiple_choice", sentence, question, term, key=key, choices=choices)
        else:
            prompt = build_prompt("definition", sentence, question, term, key=key, accepted=forms[1:])
        candidates.append(Candidate(prompt, DEFINITION_SCORE))
    return candidates
