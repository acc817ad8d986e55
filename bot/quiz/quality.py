"""How good a study question a candidate is: faults that disqualify it and the score it keeps.

Disqualifying faults: the answer given away by the heading, description or statement; a blank cut from its
number ("a 1 _____"); a sum whose result is asked ("3000 * 8 = _____"); a blank that is one item of a list;
text carrying a misspelling or a doubled word; a comparison statement that names a word only its answer's side has;
multiple-choice distractors of another unit or containing the answer. Vague blanks ("is a _____", plain
lower-case phrases) score lower.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import top_n_list, zipf_frequency

from bot.quiz.candidates import BLANK, Candidate
from bot.quiz.quantities import read_quantity, unit_name

COMMON_WORDS = 30_000  # the English words a misspelling is measured against
NOTES_SPELLING = 3  # a word the notes use this often is their vocabulary, not a slip
RARE_ZIPF = 1.5  # wordfreq lists common slips ("mesage" 1.2); real words of prose sit above
DOUBLED = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.IGNORECASE)
FORMULA = re.compile(r"[=*×÷]|\d\s*[-+/]\s*\d")
# A blank that is one item of a list: any sibling would do ("Read:Create, _____, etc.").
LIST_ITEM = re.compile(r",\s*_____\s*,|_____\s*,?\s*(?:etc|and so on)\b|\betc\b", re.IGNORECASE)
PROSE_WORD = re.compile(r"(?<![\w`.-])[a-z]{5,}(?![\w`-])")
DISTINCT_MIN = 4  # letters of an answer word that gives it away when the question shows it
TERM_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# "A VPN is a _____": many right answers. Plain lower-case phrases make vague blanks too ("to _____ the database").
VAGUE_BLANK = re.compile(r"\b(?:is|are|was|be)\s+(?:a|an|the)?\s*_____|\bto\s+_____", re.IGNORECASE)
VAGUE_PENALTY = 1.5


@lru_cache(maxsize=1)
def _common_by_letter() -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for word in top_n_list("en", COMMON_WORDS):
        if word.isalpha() and len(word) >= 4:
            by_letter[word[0]].append(word)
    return by_letter


class Speller:
    """Finds likely misspellings: prose words unknown to English, rare in the notes, one slip from a common word."""

    def __init__(self, notes_texts: Iterable[str]) -> None:
        self.counts = Counter(w for text in notes_texts for w in PROSE_WORD.findall(_prose(text)))
        self._verdicts: dict[str, bool] = {}

    def misspelt(self, text: str) -> list[str]:
        return [w for w in PROSE_WORD.findall(_prose(text)) if self._is_misspelt(w)]

    def _is_misspelt(self, word: str) -> bool:
        if word not in self._verdicts:
            unknown = self.counts[word] < NOTES_SPELLING and zipf_frequency(word, "en") < RARE_ZIPF
            close = unknown and process.extractOne(
                word, _common_by_letter().get(word[0], []), scorer=OSA.distance, score_cutoff=1 if len(word) < 9 else 2
            )
            self._verdicts[word] = bool(close)
        return self._verdicts[word]


def _prose(text: str) -> str:
    """Text without code spans and links (their words are names, not spelling)."""
    return re.sub(r"`[^`]*`|https?://\S+", " ", text)


def answer_words(answer: str, min_letters: int = DISTINCT_MIN) -> set[str]:
    """The distinctive words of an answer: 'buildspec.yml' -> buildspec, 'NEW_AND_OLD_IMAGES' -> new, old, images."""
    parts = {p.lower() for p in TERM_PART.findall(answer)}
    return {p for p in parts if len(p) >= min_letters and zipf_frequency(p, "en") < 6.0}


def gives_away(answer: str, shown_text: str) -> bool:
    """Whether the text shown with the blank names a distinctive word of the answer (or all of a short answer)."""
    seen = {w.lower() for w in re.findall(r"[A-Za-z]+", shown_text)}
    distinct = answer_words(answer)
    if distinct and distinct <= seen:
        return True
    return bool(distinct & seen) and len(distinct) == 1


def cuts_a_quantity(question: str, answer: str) -> bool:
    """A blank right after a number or right before its unit ('a 1 _____', '_____ GB')."""
    before, _, after = question.partition(BLANK)
    next_word = after.split()[0].strip(".,;:)") if after.split() else ""
    return bool(re.search(r"\d\s*$", before)) or (
        read_quantity(answer) is not None and bool(next_word) and unit_name(next_word) is not None
    )


def side_words(side: str, sides: Iterable[str]) -> set[str]:
    """Words of one side of a comparison that the other sides lack ('private' in 'Private IP' vs 'Public IP')."""
    others = {w for s in sides if s != side for w in answer_words(s, 3)}
    return answer_words(side, 3) - others


def assess(candidate: Candidate, speller: Speller) -> Candidate | None:
    """The candidate with its quality stored on the prompt, or None when a fault disqualifies it."""
    prompt = candidate.prompt
    question = prompt.question
    statement = question.split(" — ", 1)[-1]
    if speller.misspelt(question) or DOUBLED.search(question):
        return None
    if BLANK in question and _blank_faults(question, statement, prompt.answer):
        return None
    if prompt.kind == "comparison" and prompt.choices:
        shown_statement = question.split("“", 1)[-1]
        if side_words(prompt.answer, prompt.choices) & _words(shown_statement):
            return None
    elif prompt.kind != "true_false" and gives_away(prompt.answer, question.replace(BLANK, " ")):
        return None
    if prompt.choices and prompt.kind == "multiple_choice" and not _plausible(prompt.answer, prompt.choices):
        return None
    score = candidate.score
    if prompt.kind == "cloze" and (VAGUE_BLANK.search(question) or re.fullmatch(r"[a-z ]+", prompt.answer)):
        score -= VAGUE_PENALTY
    score = round(score, 2)
    return Candidate(replace(prompt, quality=score), score)


def _blank_faults(question: str, statement: str, answer: str) -> bool:
    return cuts_a_quantity(question, answer) or bool(FORMULA.search(statement) or LIST_ITEM.search(statement))


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def _plausible(answer: str, choices: Iterable[str]) -> bool:
    """Distractors of a quantity share its unit; distractors never contain the answer or sit inside it."""
    want = read_quantity(answer)
    for choice in choices:
        if choice == answer:
            continue
        if want is not None:
            said = read_quantity(choice)
            if said is None or (said.unit is None) != (want.unit is None):
                return False
            if want.unit is not None and said.unit is not None and said.unit.dimensionality != want.unit.dimensionality:
                return False
        elif answer.lower() in choice.lower() or choice.lower() in answer.lower():
            return False
    return True
