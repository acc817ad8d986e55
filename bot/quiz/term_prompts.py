"""Prompts about one key term of a sentence: cloze, numeric, multiple choice and true/false."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.quiz.candidates import (
    BLANK,
    BLANK_MARK,
    TRUE_FALSE_LEAD,
    Candidate,
    NotesFacts,
    accepted_forms,
    build_prompt,
    framing,
    gives_away,
    in_list_of_merits,
    shown,
    shuffled,
    stable_hash,
    stands_alone,
)
from bot.quiz.distractors import fitted, neutral_article
from bot.quiz.item import ItemKind, QuizItem
from bot.quiz.normalise import mentions
from bot.quiz.numbers import parse_quantity
from bot.quiz.quantities import read_quantity
from bot.quiz.sentences import Sentence
from bot.quiz.siblings import TRUE_FALSE_RATIO, Fit
from bot.quiz.terms import Term, is_trivial, spelled_out_in, spelled_parts

KIND_BASE_SCORE = {"number": 2.2, "code": 2.6, "phrase": 2.6, "name": 1.8}
COMMON_NAME = 25  # a name mentioned this often ("TCP", "HTTP") makes a weak blank
MIN_WORDS_LEFT = 4  # words the question keeps outside the blank and outside parentheses
MC_SIMILARITY = 0.35  # cosine of a distractor to the answer, at least
TF_SIMILARITY = 0.45  # a false statement swaps in only a close sibling, so it is not obviously false
# A stand-in from another part of the notes must be much closer: "SAML" is no stand-in for "YAML".
OTHER_TOPIC_MC_SIMILARITY, OTHER_TOPIC_TF_SIMILARITY = 0.55, 0.6
MC_DISTRACTORS = 3
TF_SHARE, MC_SHARE = 3, 9  # of 10 term candidates: 3 true/false, 6 multiple choice (when there are stand-ins), 1 typed
LABELLED = re.compile(r"^[\w ]{1,20}:\s")  # "From: t2.nano ...": a label and a fragment, not a statement


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


def term_candidates(sentence: Sentence, terms: Sequence[Term], facts: NotesFacts) -> list[Candidate]:
    """One candidate per usable term (from `key_terms`) of a sentence that stands alone (and does not open with a
    label that names nothing, as 'From: t2.nano - ...' does)."""
    label = LABELLED.match(sentence.plain)
    if not stands_alone(sentence.text) or (label and is_trivial(label.group(0).rstrip(": "))):
        return []
    candidates = (_candidate(sentence, term, facts) for term in terms if not _bare_unit(term))
    return [c for c in candidates if c is not None]


def _is_quantity(term: Term) -> bool:
    """A number with a unit, however the notes mark it up ('`1,792MB`' is code to the notes, a quantity to us)."""
    reading = read_quantity(term.text)
    return reading is not None and (reading.unit is not None or bool(reading.rest))


def _in_parentheses(markdown: str, term: Term) -> bool:
    before = markdown[: term.start]
    return before.count("(") > before.count(")")


def _bare_unit(term: Term) -> bool:
    """A bare 0 or 1 ('a ratio of 1000 to 1'): nothing to recall."""
    quantity = parse_quantity(term.text) if term.kind == "number" and not term.unit else None
    return quantity is not None and quantity.value <= 1


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
    roll = stable_hash(key) % 10
    as_statement = term.kind != "phrase" and not LABELLED.match(sentence.plain)
    statement = _statement(sentence, term, facts, question, key) if as_statement and roll < MC_SHARE else None
    if roll < TF_SHARE and statement is not None:
        return Candidate(statement, score)
    if roll < MC_SHARE and term.kind != "phrase" and (term.kind != "number" or term.unit):
        asked = neutral_article(question)
        siblings = _distractors(sentence, term, facts, asked)
        if len(siblings) == MC_DISTRACTORS:
            choices = shuffled(key, [term.text, *siblings])
            prompt = build_prompt(ItemKind.MULTIPLE_CHOICE, sentence, asked, term.text, key=key, choices=choices)
            return Candidate(prompt, score)
    if statement is not None:  # too few fitting choices: one stand-in makes a statement
        return Candidate(statement, score)
    kind = ItemKind.NUMERIC if term.kind == "number" else ItemKind.CLOZE
    accepted = () if term.kind == "number" else accepted_forms(term.text, facts.acronyms)
    return Candidate(build_prompt(kind, sentence, question, term.text, key=key, accepted=accepted), score)


def _fit(question: str, term: Term, facts: NotesFacts) -> Fit:
    """A stand-in as the question may show it, or None when the question's own words rule it out."""
    return lambda choice: fitted(question, term.text, choice, facts.tags)


def _distractors(sentence: Sentence, term: Term, facts: NotesFacts, question: str) -> list[str]:
    """Wrong choices of the answer's type that the question does not rule out: the notes' other quantities in its
    unit closest in value, or the terms of its shape closest in meaning."""
    fit = _fit(question, term, facts)
    if _is_quantity(term):
        return facts.siblings.nearest_values(term, sentence.topic, MC_DISTRACTORS, avoid=question, fit=fit)
    return facts.siblings.nearest(
        term,
        sentence.topic,
        MC_DISTRACTORS,
        question,
        MC_SIMILARITY,
        other_topic_similarity=OTHER_TOPIC_MC_SIMILARITY,
        fit=fit,
    )


def _stand_in(sentence: Sentence, term: Term, facts: NotesFacts, question: str) -> str | None:
    """What a false statement names instead of the term: a close sibling term, or a quantity in the same unit the
    notes give elsewhere, close in value (never a bare number, never a made-up one)."""
    if _in_parentheses(sentence.text, term) or in_list_of_merits(sentence):
        return None  # a change hidden in an aside leaves the statement's claim true; a merit's claim is its frame's
    expansion = facts.acronyms.get(term.text)
    if (expansion and mentions(sentence.plain, expansion)) or spelled_out_in(term.text, sentence.plain):
        return None  # "TLS refers to Transport Layer Security": any other name contradicts the sentence itself
    if spelled_parts(term.text, sentence.plain):
        return None  # "GC-MS: uses Mass Spectrometry": another name is plainly false
    if _is_quantity(term) or term.kind == "number":
        if not _is_quantity(term):
            return None
        close = facts.siblings.nearest_values(
            term, sentence.topic, 1, avoid=question, max_ratio=TRUE_FALSE_RATIO, fit=_fit(question, term, facts)
        )
    else:
        close = facts.siblings.nearest(
            term,
            sentence.topic,
            1,
            question,
            TF_SIMILARITY,
            other_topic_similarity=OTHER_TOPIC_TF_SIMILARITY,
            fit=_fit(question, term, facts),
        )
    return close[0] if close else None


def _statement(sentence: Sentence, term: Term, facts: NotesFacts, question: str, key: str) -> QuizItem | None:
    """A true/false statement about the term, when a stand-in fits the question."""
    stand_in = _stand_in(sentence, term, facts, question)
    return None if stand_in is None else _true_false(sentence, term, stand_in, key)


def _true_false(sentence: Sentence, term: Term, stand_in: str, key: str) -> QuizItem:
    """The sentence as it is (true) or with the term swapped for a stand-in (false), by the key's hash."""
    is_true = stable_hash(f"{key}\x1ftrue") % 2 == 0
    markdown = sentence.text
    statement = shown(markdown if is_true else markdown[: term.start] + stand_in + markdown[term.end :])
    question = f"{TRUE_FALSE_LEAD}{framing(sentence)} — {statement}"
    return build_prompt(ItemKind.TRUE_FALSE, sentence, question, "True" if is_true else "False", key=key)
