"""How good a study question a candidate is: faults that disqualify it and the score it keeps.

Disqualifying faults: the answer given away by the heading, description or statement (its words, their stems or the
expansion of its acronyms: at least half of what sets the answer apart); a blank cut from its number ("a 1 _____")
or glued to other letters ("_____s"); a blank whose answer the question states in another unit ("900 seconds
(_____)") or in words ("Half at a time: _____"); a sum asked or stated ("3000 * 8 = _____", a true/false "3000 * 8 =
40 MB/s"); a blank that is one item of a list or one end of a rough range ("latency 100 - _____"); an answer cut
mid-phrase ("CPU, memory,"); text, answer or choices carrying a misspelling or a doubled word; a comparison
statement that names a word only its answer's side has; multiple-choice choices of another unit, containing the
answer or named by the question. Vague blanks ("is a _____", plain lower-case phrases) score lower.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import top_n_list, zipf_frequency

from bot.quiz.candidates import BLANK, TRUE_FALSE_LEAD, Candidate
from bot.quiz.item import ItemKind, QuizItem
from bot.quiz.normalise import dropped_words, mentions, singular
from bot.quiz.quantities import is_unit_word, read_quantity, same_quantity, unit_name
from bot.quiz.specificity import (
    asks_a_question,
    figure_sheet,
    hedged,
    manual_page,
    name_beside_its_limit,
    named_by_companions,
    numbered_pair,
    placeholder_answer,
    port_named,
    qualifies_a_configuration,
    subjectless_figure,
)
from bot.quiz.terms import spelled_out_in, spelled_parts
from bot.quiz.weak_kinds import NAMING_CUE, names_a_price, obscure_figures, opposite_shown, vague_blank

COMMON_WORDS = 30_000  # the English words a misspelling is measured against
NOTES_SPELLING = 3  # a word the notes use this often is their vocabulary, not a slip
RARE_ZIPF = 1.5  # wordfreq lists common slips ("mesage" 1.2); real words of prose sit above
DOUBLED = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.IGNORECASE)
# "can be 1 or 1 year": a stand-in equal to its neighbour makes nonsense, not a false statement.
SELF_PAIRED = re.compile(r"(?<![\w.])([\w.]+)\s+(?:or|and|/)\s+\1(?![\w.])", re.IGNORECASE)
# Two prepositions in a row are broken text ("connected to through a", "the start of from the end").
PREPOSITION = r"(?:to|of|for|with|from|by|at|into|onto|through)"
BROKEN_TEXT = re.compile(rf"\b{PREPOSITION}\s+{PREPOSITION}\b(?!\s+(?:least|most|all|once|first|last)\b)", re.I)
# Real words often written for others ('you data' for 'your data'): found by how the notes write the same pair.
REAL_WORD_SLIPS = {"you": "your", "your": "you", "then": "than", "than": "then", "its": "it's", "it's": "its"}
WORD_PAIR = re.compile(r"(?<![\w'])(?:you|your|then|than|its|it's)\s+[a-z]+\b", re.IGNORECASE)
# Names of three or more capitalised parts ('ProvisionedThroughputException'): the notes may spell one two ways.
LONG_NAME = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+){2,}\b")
FORMULA = re.compile(r"[=*×÷]|\d\s*[-+/]\s*\d")
# A blank that is one item of a list: any sibling would do ("Read:Create, _____, etc.", "_____, PUT, and LIST",
# "GET / _____", "5500, 10000, or _____").
LIST_ITEM = re.compile(
    r",\s*(?:and\s+|or\s+)?_____|_____\)?\s*,\s*[\w-]+(?:\s+[\w-]+)?\s*,|_____\s*,\s*(?:and|or)\s"
    r"|_____\s*/\s*\w|\w\s*/\s*_____"
    r"|_____\s*,?\s*(?:etc|and so on)\b|\betc\b",
    re.IGNORECASE,
)
PAIRED = re.compile(r"(\w+)\s+(?:and|or|&|/|\+)\s+_____|_____\s+(?:and|or|&|/|\+)\s+(\w+)", re.IGNORECASE)
PAIRED_APART = re.compile(r"(\w+)\s+\w+\s+(?:and|or|&|/|\+)\s+_____|_____\s+\w+\s+(?:and|or|&|/|\+)\s+(\w+)", re.I)
PAIR_PART = 4  # letters two words of a pair share at one end ('-list', 'pre-')
GLUED_BLANK = re.compile(r"[\w+]_____|_____[\w+]")
# "about one request every _____", "~_____": a rough figure, not a fact to recall.
APPROXIMATE = re.compile(
    r"\b(?:about|approximately|approx\.?|around|roughly|nearly)\s+(?:\w+\s+){0,4}_____|~\s*_____", re.I
)
# The lower end of a range ("Size range: _____ - 16 TiB", "a ratio of _____ to 1") is rarely worth learning.
LOWER_BOUND = re.compile(r"_____\s*(?:-|–|to)\s*~?\d", re.IGNORECASE)
RANGE_BOUND = re.compile(
    r"\d\S*\s*(?:-|–|to)\s*~?_____|_____\s*(?:-|–|to)\s*\d|\bbetween\s+(?:\S+\s+and\s+)?_____", re.IGNORECASE
)
# A range's bound is a fact when the statement says it is a limit ("ranges from 1 GiB to _____"), else one end of
# a rough figure ("latency 100 - _____").
LIMIT_WORDS = re.compile(r"\b(?:range[sd]?|from|min(?:imum)?|max(?:imum)?|up to|limit)\b", re.IGNORECASE)
# Fractions in words state a percentage: "Half at a time: _____" gives away 50%.
FRACTION_WORDS = {"half": 50.0, "quarter": 25.0, "third": 100 / 3, "all": 100.0, "twice": 200.0, "double": 200.0}
TRIVIAL_PERCENT = (0.0, 100.0)  # "until _____" -> 100%: nothing to recall
# A path to one file ('.ebextensions/xray-daemon.config'): its exact spelling is arbitrary, its folder is the fact.
FILE_PATH = re.compile(r"\S/\S*\.\w+$")
CUT_ANSWER = re.compile(r"[—–;]|[,:]\s*$|^\W*$")
SHORT_WORD = re.compile(r"(?<![\w`.'/-])[a-z]{2}(?![\w`'/-])")
SHORT_WORD_ZIPF = 4.5  # "of" 7.4, "us" 6.1, "ok" 5.5; "fo" 3.7
MIDDLE_WORD = re.compile(r"(?<![\w`.'/-])[a-z]{3,4}(?![\w`'/-])")
MIDDLE_WORD_ZIPF = 2.5  # "ony" 2.2, "cann" 2.5; "cron" 2.5 and "yaml" 1.8 are one slip from no very common word
VERY_COMMON_ZIPF = 5.5  # "on", "can", "group": the words a slip of three or four letters was meant as
PROSE_WORD = re.compile(r"(?<![\w`.-])[A-Za-z][a-z]{4,}(?![\w`-])")
DISTINCT_MIN = 4  # letters of an answer word that gives it away when the question shows it
ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}s?")
SHORT_ACRONYM = 2  # 'AZ' of 'single AZ'
ACRONYM_MIN = 3  # ... of an acronym or a capitalised part of a name ('RSA' of 'SSH-RSA', 'Ref' of 'Fn::Ref')
STEM_MIN = 3  # "Zone" gives away "Zonal", "Region" gives away "Regional"
INNER_WORD_MIN = 5  # a word this long after an English prefix names the longer word ('segment', 'subsegments')
ENGLISH_PREFIX = re.compile(r"sub|pre|post|non|multi|re|un|de|inter|intra|over|under|super|micro|auto")
LONG_INNER_WORD = 7  # ... and a word this long inside another, after any prefix ('extensions', 'ebextensions')
COMPOUND_PART = 3  # letters of each shown word a compound answer word is made of ('build' + 'spec')
MAX_ENDING = 3  # letters a word may add to a stem it shares ("-ing", "-al", "-s")
RARE_PART_ZIPF = 4.0  # an identifier's part this rare in English names it ('invalidation' 2.2, 'delete' 4.2)
# An identifier with a part the question writes in capitals and only plain English left to guess ('GET per second'
# -> GetObject): 'object' 4.6, 'item' 4.6; 'instances' 4.1 and 'invalidation' 2.2 are not plain English.
PLAIN_PART_ZIPF = 4.5
GENERIC_ZIPF = 6.0  # words as common as "the" set no answer apart
TERM_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# "A VPN is a _____": many right answers. Plain lower-case phrases make vague blanks too ("to _____ the database").
VAGUE_BLANK = re.compile(r"\b(?:is|are|was|be)\s+(?:a|an|the)?\s*_____|\bto\s+_____", re.IGNORECASE)
# Plain lower-case phrases ("one DNS name", "directly against the files"), pairs ("Stage and Method") and phrases of
# manner ("per method", "by hand") have many right wordings.
VAGUE_ANSWER = re.compile(r"^[a-z][\w-]*(?: \S+){2,}$|\s(?:and|or)\s|^(?:per|by|in|at|on|with|for|from|via)\s")
VAGUE_PENALTY = 1.5
BLANK_FILL = "\ue001"  # the answer's place while a blank is filled in
OBSCURE_PENALTY = 1.5  # below MIN_SCORE: kept only when a section has nothing better
# One or two plain words the notes put in bold ("asynchronous", "desired capacity") are often the point of the line,
# and as often one wording of several ('queue policy' for 'access policy', 'launch' for 'instance start'): judged
# the weakest typed blanks (about one in three accepted), they are asked only when a line has nothing better,
# unless the sentence says the blank is a name ('is also called the _____').
PLAIN_WORDS = re.compile(r"^[a-z][a-z-]*(?: [a-z][a-z-]*)?$")
PLAIN_PENALTY = 1.4  # below MIN_SCORE from the best typed score (4.2), above a vague blank's
COMMON_ANSWER_ZIPF = 4.3  # a one-word answer as common as "server" or "value" fits many blanks
QUANTITY_SPAN = re.compile(r"\d[\d,.]*\s*(?:[A-Za-z%/]+(?:\s*/\s*[A-Za-z]+)?)?")


@lru_cache(maxsize=1)
def _common_by_letter() -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for word in top_n_list("en", COMMON_WORDS):
        if word.isalpha() and len(word) >= 4:
            by_letter[word[0]].append(word)
    return by_letter


@lru_cache(maxsize=1)
def _very_common() -> list[str]:
    return [w for w in top_n_list("en", COMMON_WORDS) if w.isalpha() and zipf_frequency(w, "en") >= VERY_COMMON_ZIPF]


class Speller:
    """Finds likely misspellings: prose words unknown to English, rare in the notes, one slip from a common word."""

    def __init__(self, notes_texts: Iterable[str]) -> None:
        raw = list(notes_texts)
        texts = [_prose(text) for text in raw]
        self.counts = Counter(w.lower() for text in texts for w in PROSE_WORD.findall(text))
        self.short_counts = Counter(w for text in texts for w in SHORT_WORD.findall(text))
        self.middle_counts = Counter(w for text in texts for w in MIDDLE_WORD.findall(text))
        self._verdicts: dict[str, bool] = {}
        self.two_ways = _spelled_two_ways({n for text in raw for n in LONG_NAME.findall(text)})
        self.pairs = Counter(p.lower() for text in texts for p in WORD_PAIR.findall(text))

    def misspelt(self, text: str) -> list[str]:
        """The words of a text that look like slips, and the names the notes spell two ways (either may be the
        slip: 'ProvisionedThroughputException' beside 'ProvisionedThroughputExceededException')."""
        prose = _prose(text)
        slips = [n for n in LONG_NAME.findall(text) if n in self.two_ways]
        slips += [w for w in WORD_PAIR.findall(prose) if self._is_word_slip(w.lower())]
        slips += [w for w in SHORT_WORD.findall(prose) if self._is_short_slip(w)]
        slips += [w for w in MIDDLE_WORD.findall(prose) if self._is_middle_slip(w)]
        return slips + [w for w in PROSE_WORD.findall(prose) if self._is_misspelt(w.lower())]

    def _is_word_slip(self, pair: str) -> bool:
        """'copies of you data': a word the notes write otherwise before the same next word ('your data') at least
        NOTES_SPELLING times, and this way at most once."""
        first, second = pair.split()
        other = REAL_WORD_SLIPS.get(first)
        return other is not None and self.pairs[pair] <= 1 and self.pairs[f"{other} {second}"] >= NOTES_SPELLING

    def _is_middle_slip(self, word: str) -> bool:
        """'ony' for 'only', 'cann' for 'can': a word of three or four letters English hardly knows, one slip from
        one of its most common words ('cron' is one slip from 'iron', which is not that common)."""
        if self.middle_counts[word] >= NOTES_SPELLING or zipf_frequency(word, "en") >= MIDDLE_WORD_ZIPF:
            return False
        return bool(process.extractOne(word, _very_common(), scorer=OSA.distance, score_cutoff=1))

    def _is_short_slip(self, word: str) -> bool:
        """'fo' for 'for': a two-letter word English rarely uses and the notes not often."""
        return self.short_counts[word] < NOTES_SPELLING and zipf_frequency(word, "en") < SHORT_WORD_ZIPF

    def _is_misspelt(self, word: str) -> bool:
        if word not in self._verdicts:
            unknown = self.counts[word] < NOTES_SPELLING and zipf_frequency(word, "en") < RARE_ZIPF
            close = unknown and process.extractOne(
                word, _common_by_letter().get(word[0], []), scorer=OSA.distance, score_cutoff=1 if len(word) < 9 else 2
            )
            self._verdicts[word] = bool(close)
        return self._verdicts[word]


def _spelled_two_ways(names: set[str]) -> set[str]:
    """Names that are another name with parts left out in the middle: same first and last part, the parts of one
    in order among the other's ('ProvisionedThroughputException', 'ProvisionedThroughputExceededException')."""
    parts = {name: TERM_PART.findall(name) for name in names}
    found = set()
    for name, own in parts.items():
        for other, theirs in parts.items():
            if len(own) < len(theirs) and own[0] == theirs[0] and own[-1] == theirs[-1] and _in_order(own, theirs):
                found |= {name, other}
    return found


def _in_order(few: list[str], many: list[str]) -> bool:
    rest = iter(many)
    return all(part in rest for part in few)


def _prose(text: str) -> str:
    """Text without code spans and links (their words are names, not spelling)."""
    return re.sub(r"`[^`]*`|https?://\S+", " ", text)


def answer_words(answer: str, min_letters: int = DISTINCT_MIN) -> set[str]:
    """The distinctive words of an answer: 'buildspec.yml' -> buildspec, 'NEW_AND_OLD_IMAGES' -> new, old, images.

    Acronyms count from three letters ('SSH-RSA' -> ssh, rsa); words as common as 'the' and the notes' vendor
    words never count.
    """
    parts = set()
    found = TERM_PART.findall(answer)
    for part in found:
        shortest = SHORT_ACRONYM if part.isupper() else ACRONYM_MIN if part[:1].isupper() else min_letters
        if len(part) >= shortest and not part.isdigit() and zipf_frequency(part.lower(), "en") < GENERIC_ZIPF:
            parts.add(part.lower())
    parts -= dropped_words()
    if not parts:  # 'Hot key': short words are all it has
        parts = {p.lower() for p in found if len(p) >= ACRONYM_MIN and not p.isdigit()} - dropped_words()
    return parts


def shown_words(text: str) -> set[str]:
    """Every word part of a shown text, compound names split ('CacheMissCount' -> cache, miss, count)."""
    return {p.lower() for p in TERM_PART.findall(text) if not p.isdigit()}


def same_stem(word: str, other: str) -> bool:
    """Equal, one word is the other with a short ending ('region'/'regional', 'zone'/'zonal', 'poll'/'polling'; never
    'build'/'buildspec'), or one is the other after an English prefix ('segment'/'subsegments')."""
    if word == other:
        return True
    shorter, longer = sorted((len(word), len(other)))
    if shorter < DISTINCT_MIN:
        return False
    inner, outer = sorted((word, other), key=len)
    before = outer.partition(inner)[0]
    if inner in outer and before and (len(inner) >= LONG_INNER_WORD or ENGLISH_PREFIX.fullmatch(before)):
        return len(inner) >= INNER_WORD_MIN  # 'segment' of 'subsegments', 'extensions' of 'ebextensions'

    common = next((i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b), shorter)
    return common >= STEM_MIN and common >= shorter - 2 and longer - common <= MAX_ENDING


def compound_of(word: str, seen: set[str]) -> bool:
    """Whether a word is two or more shown words run together ('buildspec' beside 'Build' and 'Spec')."""
    for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
        head, tail = word[:cut], word[cut:]
        if head in seen and (tail in seen or compound_of(tail, seen)):
            return True
    return False


def is_code_like(answer: str) -> bool:
    """An identifier or path ('DELETE_FAILED', 'option_settings', 'ConsistentRead'): its parts name it together."""
    return bool(re.search(r"[./:_]|[a-z][A-Z]", answer))


def gives_away(
    answer: str, shown_text: str, acronyms: Mapping[str, str] | None = None, shared: Iterable[str] = ()
) -> bool:
    """Whether the text shown with the blank names at least half of the answer's distinctive words (more than half
    of an identifier's, or its rarest part when rare in English) by stem, an acronym of it by its expansion (all of
    a one-word answer), or a phrase by its initials. Words in `shared` (those the answer shares with the other
    choices) tell nothing. A quantity's unit is not a give-away."""
    reading = read_quantity(answer)
    if reading is not None and reading.unit is not None:
        return False
    if ACRONYM.fullmatch(answer) and spelled_out_in(answer, shown_text):
        return True
    if _acronym_shown(answer, shown_text):
        return True
    code_like = is_code_like(answer)
    distinct = answer_words(answer) - set(shared)
    if not distinct:
        return False
    seen = shown_words(shown_text)
    expansions = {k.lower(): v for k, v in (acronyms or {}).items()}
    named = {
        w
        for w in distinct
        if any(same_stem(w, s) for s in seen)
        or compound_of(w, seen)
        or (w in expansions and mentions(shown_text, expansions[w]))
    } | (spelled_parts(answer, shown_text) & distinct)
    if code_like:  # a rare part sets it apart ('invalidation' of 'CreateInvalidation'; not 'delete' of 'DELETE_FAILED')
        rarest = min(distinct, key=lambda w: (zipf_frequency(w, "en"), w))
        shouted = _shouted(answer, shown_text) - dropped_words()  # 'GET per second' names the 'Get' of GetObject
        left = distinct - named - shouted
        plain_rest = bool(shouted) and all(zipf_frequency(w, "en") >= PLAIN_PART_ZIPF for w in left)
        rare_named = rarest in named and zipf_frequency(rarest, "en") < RARE_PART_ZIPF
        return len(named) * 2 > len(distinct) or rare_named or plain_rest
    return len(named) * 2 >= len(distinct)


def hints_at(term: str, shown_text: str, acronyms: Mapping[str, str] | None = None, shared: Iterable[str] = ()) -> bool:
    """Whether the text names any one distinctive word of a term by stem ('willing to wait' beside
    `ReceiveMessageWaitTimeSeconds`), by a shown compound or by an acronym's expansion, or spells out any acronym
    part of it ('Mass Spectrometry' beside GC-MS). A true/false statement 'explanation describes Term' with
    such a word is settled by the word, not by knowing the term. Words in `shared` (those the term shares with the
    terms defined beside it) tell nothing."""
    if spelled_parts(term, shown_text) - set(shared):
        return True
    seen = shown_words(shown_text)
    expansions = {k.lower(): v for k, v in (acronyms or {}).items()}
    return any(
        any(same_stem(w, s) for s in seen)
        or compound_of(w, seen)
        or (w in expansions and mentions(shown_text, expansions[w]))
        for w in answer_words(term) - set(shared)
    )


def shows_side_word(statement: str, side: str, sides: Iterable[str]) -> bool:
    """Whether a 'which one is this?' statement shows a word of its own side beyond `hints_at`'s stems: the same
    word in the singular ('Log contains ...' beside 'Cloud Logs') or the head or tail of a one-word name ('tries
    to pack' beside 'Binpack'), or any word `hints_at` finds. Words the side shares with another of `sides` tell
    nothing."""
    others = [s for s in sides if s != side]
    shared = {singular(w) for other in others for w in answer_words(other, min_letters=COMPOUND_PART)}
    own = {w for w in answer_words(side, min_letters=COMPOUND_PART) if singular(w) not in shared}
    if hints_at(side, statement, shared=answer_words(side, min_letters=COMPOUND_PART) - own):
        return True
    seen = shown_words(statement)
    for word in own:
        for shown in seen:
            if singular(shown) == singular(word):
                return True
            if len(shown) >= DISTINCT_MIN and shown != word and (word.startswith(shown) or word.endswith(shown)):
                return True
    return False


def _shouted(answer: str, shown_text: str) -> set[str]:
    """The parts of an identifier the text writes as a word in capitals ('GET' of 'GetObject', 'PUT' of 'PutItem')."""
    parts = {p for p in TERM_PART.findall(answer) if len(p) >= ACRONYM_MIN and not p.isdigit()}
    return {p.lower() for p in parts if re.search(rf"(?<![\w-]){re.escape(p.upper())}(?![\w-])", shown_text)}


def _acronym_shown(answer: str, shown_text: str) -> bool:
    """Whether the text shows the initials of an answer of two or more words as an acronym ('setup for _____ (DR)'
    -> disaster recovery)."""
    words = re.findall(r"[A-Za-z][\w-]*", answer)
    initials = "".join(w[0] for w in words).upper()
    return len(words) >= 2 and re.search(rf"(?<![\w-]){initials}s?(?![\w-])", shown_text) is not None


def cuts_a_quantity(question: str, answer: str) -> bool:
    """A blank right after a number or right before its unit ('a 1 _____', '_____ GB')."""
    before, _, after = question.partition(BLANK)
    next_word = after.split()[0].strip(".,;:)") if after.split() else ""
    return bool(re.search(r"\d\s*$", before)) or (
        read_quantity(answer) is not None and bool(next_word) and unit_name(next_word) is not None
    )


def states_the_quantity(question: str, answer: str) -> bool:
    """The question gives the answer's quantity itself, perhaps in another unit ('900 seconds (_____)': 15 min) or
    in words ('Half at a time: _____': 50%); or the answer is all or nothing of something (0 seconds, 0%, 100%)."""
    wanted = read_quantity(answer)
    if wanted is None or wanted.unit is None:
        return False
    if wanted.number == 0:
        return True  # "min is _____": nothing of anything is nothing to recall
    if str(wanted.unit.dimensionality) == "[percentage]":
        said_words = {FRACTION_WORDS[w] for w in _words(question) if w in FRACTION_WORDS}
        if wanted.number in TRIVIAL_PERCENT or any(abs(v - wanted.number) < 0.5 for v in said_words):
            return True
    for span in QUANTITY_SPAN.finditer(question.replace(BLANK, " ")):
        said = read_quantity(span.group(0))
        if said is not None and said.unit is not None and same_quantity(wanted, said):
            return True
    return False


def side_words(side: str, sides: Iterable[str]) -> set[str]:
    """Words of one side of a comparison that the other sides lack ('private' in 'Private IP' vs 'Public IP')."""
    others = {w for s in sides if s != side for w in answer_words(s, 3)}
    return {w for w in answer_words(side, 3) if not any(same_stem(w, o) for o in others)}


def assess(candidate: Candidate, speller: Speller, acronyms: Mapping[str, str] | None = None) -> Candidate | None:
    """The candidate with its quality stored on the prompt, or None when a fault disqualifies it."""
    prompt = candidate.prompt
    question = prompt.question
    statement = question.split(" — ", 1)[-1]
    texts = [question, *([prompt.answer] if prompt.kind != ItemKind.TRUE_FALSE else []), *(prompt.choices or ())]
    broken = (DOUBLED, SELF_PAIRED, BROKEN_TEXT)
    if any(speller.misspelt(text) or any(p.search(_prose(text)) for p in broken) for text in texts):
        return None
    cut = CUT_ANSWER.search(prompt.answer) or FILE_PATH.search(prompt.answer) or _misspelt_unit(prompt.answer)
    if prompt.kind not in (ItemKind.TRUE_FALSE, ItemKind.COMPARISON) and (cut or placeholder_answer(prompt.answer)):
        return None
    if BLANK in question and _blank_faults(question, statement, prompt.answer):
        return None
    if (BLANK in question or prompt.kind == ItemKind.TRUE_FALSE) and _lacks_its_subject(question, statement):
        return None
    quoted = question.split("“", 1)[1].rsplit("”", 1)[0] if "“" in question else None
    if (quoted is not None and asks_a_question(quoted)) or (prompt.kind == ItemKind.TRUE_FALSE and hedged(statement)):
        return None
    if prompt.kind == ItemKind.TRUE_FALSE and FORMULA.search(statement):
        return None  # "3000 * 8 = 24 000 KB/s = 40 MB/s": arithmetic, not a fact to recall
    if prompt.kind == ItemKind.COMPARISON and prompt.choices:
        shown_statement = question.split("“", 1)[-1]
        seen = shown_words(shown_statement)
        if any(same_stem(w, s) for w in side_words(prompt.answer, prompt.choices) for s in seen):
            return None  # 'Delay Queues' beside 'DelaySeconds'
        if shows_side_word(shown_statement, prompt.answer, prompt.choices):
            return None  # 'Log contains ...' beside 'Cloud Logs'
    elif prompt.kind != ItemKind.TRUE_FALSE and (
        gives_away(
            prompt.answer, question.replace(BLANK, " "), acronyms, _shared_words(prompt.answer, prompt.choices or ())
        )
        or opposite_shown(prompt.answer, question.replace(BLANK, " "))
    ):
        return None
    choices = prompt.choices or ()
    if prompt.kind == ItemKind.MULTIPLE_CHOICE and (
        not _plausible(prompt.answer, choices, question) or _singled_out(prompt.answer, choices, question)
    ):
        return None
    score = candidate.score - (OBSCURE_PENALTY if _obscure(prompt, statement) else 0.0)
    plain_word = prompt.answer.isalpha() and prompt.answer.islower()
    common_word = plain_word and zipf_frequency(prompt.answer, "en") >= COMMON_ANSWER_ZIPF
    vague = VAGUE_BLANK.search(question) or VAGUE_ANSWER.search(prompt.answer) or vague_blank(question, prompt.answer)
    if prompt.kind == ItemKind.CLOZE and (vague or common_word):
        score -= VAGUE_PENALTY
    elif prompt.kind == ItemKind.CLOZE and _plain_words(prompt.answer, statement) and not NAMING_CUE.search(question):
        score -= PLAIN_PENALTY
    score = round(score, 2)
    return Candidate(replace(prompt, quality=score), score)


def _plain_words(answer: str, statement: str) -> bool:
    """One or two plain lower-case words, capitalised only because the blank opens the sentence ('_____ your
    application into two tiers' -> Decoupling)."""
    opening = statement.startswith(BLANK) and answer[1:2].islower()
    return bool(PLAIN_WORDS.match(answer[:1].lower() + answer[1:] if opening else answer))


def _obscure(prompt: QuizItem, statement: str) -> bool:
    """A figure nobody learns by heart ('1152 vCPU', 'up to 3008 MB'), asked or shown beside the figure asked, or a
    price or free-tier allowance."""
    if prompt.kind == ItemKind.CLOZE:  # a term is asked; a figure beside it is only shown
        return bool(obscure_figures(prompt.answer))
    filled = statement.replace(BLANK, f" {BLANK_FILL} ").replace(BLANK_FILL, prompt.answer)
    return bool(obscure_figures(filled)) or names_a_price(statement)


def _lacks_its_subject(question: str, statement: str) -> bool:
    """A statement that is a question, or opens without a subject under a framing that names nothing."""
    framing = question.removeprefix(TRUE_FALSE_LEAD).split(" — ", 1)[0] if " — " in question else ""
    return asks_a_question(statement) or subjectless_figure(framing, statement)


def _blank_faults(question: str, statement: str, answer: str) -> bool:
    return (
        cuts_a_quantity(question, answer)
        or numbered_pair(statement, answer)
        or figure_sheet(statement)
        or port_named(question)
        or states_the_quantity(question, answer)
        or bool(GLUED_BLANK.search(statement) or FORMULA.search(statement) or LIST_ITEM.search(statement))
        or bool(RANGE_BOUND.search(statement) and not LIMIT_WORDS.search(statement))
        or bool(APPROXIMATE.search(statement) or LOWER_BOUND.search(statement))
        or _pair_by_form(statement, answer)
        or named_by_companions(statement, answer)
        or qualifies_a_configuration(statement, answer)
        or name_beside_its_limit(statement)
        or manual_page(answer)
    )


def _pair_by_form(statement: str, answer: str) -> bool:
    """A blank joined by 'and'/'or'/'+' to a word made like the answer ('allowlist and _____' -> denylist,
    '_____ checks + authorization' -> authentication): one half of a pair names the other."""
    for match in (*PAIRED.finditer(statement), *PAIRED_APART.finditer(statement)):
        other = (match.group(1) or match.group(2)).lower()
        wanted = answer.lower()
        if other != wanted and (other[-PAIR_PART:] == wanted[-PAIR_PART:] or other[:PAIR_PART] == wanted[:PAIR_PART]):
            return True
    return False


def _singled_out(answer: str, choices: Iterable[str], question: str) -> bool:
    """Whether the question names a word of the answer that no other choice has ('how long we are willing to
    wait' beside one choice with 'Wait' in it), or a sibling of it numbered otherwise that no other choice is
    kin to ('_____ and io2' beside one 'io' choice)."""
    own = answer_words(answer) - _shared_words(answer, choices)
    seen = shown_words(question.replace(BLANK, " "))
    if any(same_stem(w, s) for w in own for s in seen):
        return True
    family = _family(answer)
    return bool(family) and family in _families(question) and all(_family(c) != family for c in choices if c != answer)


def _family(name: str) -> str:
    """A numbered name's letters: 'io1' and 'io2' are one family ('io'); '' for a name without digits."""
    return re.sub(r"\d", "", name.lower()) if re.fullmatch(r"[A-Za-z]+\d+[A-Za-z]*", name) else ""


def _families(text: str) -> set[str]:
    return {_family(token) for token in re.findall(r"[\w]+", text.replace(BLANK, " "))} - {""}


def _shared_words(answer: str, choices: Iterable[str]) -> set[str]:
    """Words of the answer that another choice has too ('scaling' of 'Step Scaling' beside 'Target Scaling')."""
    return {w for c in choices if c != answer for w in answer_words(c)} & answer_words(answer)


def _misspelt_unit(answer: str) -> bool:
    """A quantity whose unit is a slip of the notes ('15 minuted'): the grader forgives it, a question should not
    show it."""
    reading = read_quantity(answer)
    if reading is None or reading.unit is None:
        return False
    tail = re.sub(r"^[^A-Za-z%]*", "", answer)
    return any(unit_name(w) is not None and not is_unit_word(w) for w in re.findall(r"[A-Za-z]+", tail))


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def _plausible(answer: str, choices: Iterable[str], question: str = "") -> bool:
    """Distractors of a quantity share its unit; distractors never contain the answer, sit inside it, or appear in
    the question."""
    want = read_quantity(answer)
    for choice in choices:
        if choice == answer:
            continue
        if mentions(question, choice):
            return False
        if want is not None:
            said = read_quantity(choice)
            if said is None or (said.unit is None) != (want.unit is None):
                return False
            if want.unit is not None and said.unit is not None and said.unit.dimensionality != want.unit.dimensionality:
                return False
        elif answer.lower() in choice.lower() or choice.lower() in answer.lower():
            return False
    return True
