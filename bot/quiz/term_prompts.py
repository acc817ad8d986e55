"""Prompts about one key term of a sentence: cloze, numeric, multiple choice and true/false."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.quiz.candidates import (
    BLANK,
    BLANK_MARK,
    Candidate,
    NotesFacts,
    accepted_forms,
    build_prompt,
    framing,
    gives_away,
    shown,
    shuffled,
    stable_hash,
    stands_alone,
)
from bot.quiz.numbers import NUMBER_PATTERN, parse_quantity
from bot.quiz.prompt import Prompt
from bot.quiz.sentences import Sentence
from bot.quiz.terms import Term

KIND_BASE_SCORE = {"number": 2.2, "code": 2.6, "phrase": 2.6, "name": 1.8}
COMMON_NAME = 25  # a name mentioned this often ("TCP", "HTTP") makes a weak blank
MIN_WORDS_LEFT = 4  # words the question keeps outside the blank and outside parentheses
MC_SIMILARITY = 0.35  # cosine of a distractor to the answer, at least
TF_SIMILARITY = 0.45  # a false statement swaps in only a close sibling, so it is not obviously false


def term_score(markdown: str, term: Term, facts: NotesFacts) -> float:
    """How much a term looks like the point of its sentence: emphasised, a quantity with a unit, not common."""
    score = KIND_BASE_SCORE[term.kind] + (0.8 if term.unit else 0.0)
    if markdown.startswith("**", term.start):
        score += 0.6
    if term.kind == "name" and facts.name_counts.get(term.text, 0) > COMMON_NAME:
        score -= 1.0
    return score


def sentence_score(sentence: Sentence) -> float:
    """Mid-length sentences make the clearest questions."""
    count = len(sentence.plain.split())
    return 1.0 if 7 <= count <= 28 else 0.3 if count <= 34 else -0.5


def other_number(term: Term) -> str:
    """A different quantity in the same unit (double it), for a false statement."""
    quantity = parse_quantity(term.text)
    match = re.match(NUMBER_PATTERN, term.text)
    if quantity is None or match is None:
        return term.text
    value = quantity.value * 2 if quantity.value else 1
    shown = f"{value:,.0f}" if "," in match.group(0) else f"{value:g}"
    return shown + term.text[match.end() :]


def term_candidates(sentence: Sentence, terms: Sequence[Term], facts: NotesFacts) -> list[Candidate]:
    """One candidate per usable term (from `key_terms`) of a sentence that stands alone."""
    if not stands_alone(sentence.text):
        return []
    candidates = (_candidate(sentence, term, facts) for term in terms)
    return [c for c in candidates if c is not None]


def _candidate(sentence: Sentence, term: Term, facts: NotesFacts) -> Candidate | None:
    markdown = sentence.text
    blanked = shown(markdown[: term.start] + BLANK_MARK + markdown[term.end :])
    if len(re.findall(r"\w+", re.sub(r"\([^)]*\)", " ", blanked.replace(BLANK, " ")))) < MIN_WORDS_LEFT:
        return None
    question = f"{framing(sentence)} — {blanked}"
    if gives_away(question, term.text, facts.acronyms):
        return None
    key = f"{sentence.plain}\x1f{term.text}"
    score = term_score(markdown, term, facts) + sentence_score(sentence)
    siblings = facts.siblings.nearest(term, sentence.topic, 3, avoid=question, min_similarity=MC_SIMILARITY)
    roll = stable_hash(key) % 10
    if roll < 2 and term.kind != "phrase" and (siblings or term.kind == "number"):
        close = facts.siblings.nearest(term, sentence.topic, 1, avoid=question, min_similarity=TF_SIMILARITY)
        stand_in = close[0] if close else other_number(term) if term.kind == "number" else None
        if stand_in is not None:
            return Candidate(_true_false(sentence, term, stand_in, key), score)
    if roll < 5 and len(siblings) == 3 and term.kind != "phrase":
        choices = shuffled(key, [term.text, *siblings])
        prompt = build_prompt("multiple_choice", sentence, question, term.text, key=key, choices=choices)
        return Candidate(prompt, score)
    kind = "numeric" if term.kind == "number" else "cloze"
    accepted = () if term.kind == "number" else accepted_forms(term.text, facts.acronyms)
    return Candidate(build_prompt(kind, sentence, question, term.text, key=key, accepted=accepted), score)


def _true_false(sentence: Sentence, term: Term, stand_in: str, key: str) -> Prompt:
    """The sentence as it is (true) or with the term swapped for a stand-in (false), by the key's hash."""
    is_true = stable_hash(f"{key}\x1ftrue") % 2 == 0
    markdown = sentence.text
    statement = shown(markdown if is_true else markdown[: term.start] + stand_in + markdown[term.end :])
    question = f"True or false? {framing(sentence)} — {statement}"
    return build_prompt("true_false", sentence, question, "True" if is_true else "False", key=key)
