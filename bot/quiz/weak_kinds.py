"""Kinds of weak study question a demanding student refuses, told apart by their form.

- A vague blank: one common English word or one adjective ('we increase our applications _____' ->
  availability, 'can _____ with the database' -> communicate, 'it's all _____' -> serverless), or a phrase whose
  first word only says how many or which ('support _____' -> multiple domains): many words fit such a blank as
  well as the notes' one. A blank the sentence says is a name ('is called the _____') or a capitalised name inside
  a sentence is not vague.
- An obscure figure: a number of three or more significant digits that is no power of two ('1152 vCPU',
  '237 GB', '216 locations'), which nobody learns by heart and which goes out of date; a price or free-tier
  allowance; a limit the reader may raise ('you can ask for an increase').
- An answer named by its opposite: the question shows a word made like the answer with an opposite prefix
  ('when you download ... when you _____' -> upload; 'Visibility Timeout — it becomes _____' -> invisible).
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

PLAIN_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)?")
# Words that only count or pick out ('multiple domains', 'single resource', 'right order'): the rest
# of such a phrase is what the blank asks, and the count or pick is guesswork.
QUANTIFIERS = frozenset(
    [
        "multiple",
        "single",
        "many",
        "several",
        "all",
        "each",
        "every",
        "some",
        "any",
        "various",
        "right",
        "wrong",
        "same",
        "other",
        "different",
        "first",
        "last",
        "exact",
        "correct",
        "proper",
        "whole",
        "entire",
        "full",
    ]
)
NAMING_CUE = re.compile(r"\b(?:called|named|known as|termed)\s+(?:the\s+|a\s+|an\s+)?_____", re.IGNORECASE)
COMMON_ENGLISH_ZIPF = 3.75  # 'availability' 4.1, 'communicate' 4.2 fit many blanks; 'snapshot' 3.4, 'null' 3.7 fewer
# One adjective fits a blank as well as many others ('it's all _____' -> serverless, 'becomes _____' -> invisible).
ADJECTIVE_ENDING = re.compile(r"(?:less|ible|able|ful)$")
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\d])")
OBSCURE_DIGITS = 3  # significant digits of a figure nobody learns by heart ('1152', '237'; not '5500', '3600')
PRICE = re.compile(r"\$\s?\d|\bfree[ -]tier\b|\bper (?:month|hour)\b.*\$|\bcosts?\b.*\$", re.IGNORECASE)
RAISABLE = re.compile(
    r"\b(?:ask \w+ to (?:increase|raise)|(?:limit|quota)s? (?:\w+ )?(?:can|may) be (?:increased|raised)"
    r"|request (?:a |an )?(?:\w+ )?"
    r"(?:limit |quota )?increase|soft limit)",
    re.IGNORECASE,
)
# Prefixes that make a word's opposite: up/down-load, in/out-bound, en/de-crypt, visible/in-visible.
OPPOSITE_PREFIXES = ("up", "down", "in", "out", "en", "de", "un", "dis", "non", "im", "ir", "il", "on", "off")
SHARED_ROOT = 4  # letters two words must share after their prefixes to be one word made opposite ('load')
MAX_ENDING = 5  # letters a form may add past the shared root ('visib' + 'ility')
# A three-digit code or port is a name, not a quantity to learn ('port 443', 'Error 503', 'ThrottleError 429').
CODE_CONTEXT = re.compile(r"(?:port|error|code|status|http)\W*$", re.IGNORECASE)


def vague_blank(question: str, answer: str) -> bool:
    """Whether a typed blank has many right answers: one plain English word, or a phrase opening with a word that
    only counts or picks out. A blank the question says is a name ('called the _____') is not vague."""
    if NAMING_CUE.search(question):
        return False
    statement = question.split(" — ", 1)[-1]
    if answer[:1].isupper() and not statement.startswith("_____"):
        return False  # capitalised inside a sentence: a name ('as dictated by _____' -> Effect)
    words = answer.split()
    if not words or not all(PLAIN_WORD.fullmatch(w) for w in words) or any(w[1:] != w[1:].lower() for w in words):
        return False
    if len(words) == 1:
        common = zipf_frequency(answer.lower(), "en") >= COMMON_ENGLISH_ZIPF
        return common or ADJECTIVE_ENDING.search(answer.lower()) is not None
    return words[0].lower() in QUANTIFIERS


def obscure_figures(text: str) -> list[str]:
    """The figures of a text nobody learns by heart: three or more significant digits and no power of two
    ('1152', '1,792', '237'; not '256', '5500', '3600' or '64000'), codes and ports ('port 443') aside."""
    found = []
    for match in NUMBER.finditer(text):
        if CODE_CONTEXT.search(text[: match.start()]):
            continue
        digits = match.group(0).replace(",", "").split(".")
        whole = digits[0].lstrip("0")
        significant = (whole + (digits[1] if len(digits) > 1 else "")).rstrip("0") if whole else ""
        number = int(whole) if whole and len(digits) == 1 else 0
        power_of_two = number > 0 and number & (number - 1) == 0
        if len(significant) >= OBSCURE_DIGITS and not power_of_two and not _power_of_two_thousands(number):
            found.append(match.group(0))
    return found


def _power_of_two_thousands(number: int) -> bool:
    """'256000', '64000', '16000': a power of two in thousands is as memorable as the power of two."""
    thousands = number // 1000
    return number % 1000 == 0 and thousands > 0 and thousands & (thousands - 1) == 0


def names_a_price(text: str) -> bool:
    """Whether a text states a price or a free-tier allowance (trivia that changes with the price list), or a limit
    the reader may have raised ('you can ask for an increase'): a default of an account, not a fact to learn."""
    return PRICE.search(text) is not None or RAISABLE.search(text) is not None


def opposite_shown(answer: str, shown_text: str) -> bool:
    """Whether the text shows a word made like a one-word answer with an opposite prefix ('download' beside
    'upload', 'visibility' beside 'invisible', 'decrypt' beside 'encrypt')."""
    if not PLAIN_WORD.fullmatch(answer):
        return False
    wanted = answer.lower()
    return any(_opposites(wanted, word.lower()) for word in re.findall(r"[A-Za-z]+", shown_text))


def _opposites(word: str, other: str) -> bool:
    if word == other:
        return False
    for prefix in ("", *OPPOSITE_PREFIXES):
        for other_prefix in ("", *OPPOSITE_PREFIXES):
            if prefix == other_prefix or not (word.startswith(prefix) and other.startswith(other_prefix)):
                continue
            root, other_root = word[len(prefix) :], other[len(other_prefix) :]
            shared = next((i for i, (a, b) in enumerate(zip(root, other_root, strict=False)) if a != b), None)
            shared = min(len(root), len(other_root)) if shared is None else shared
            if root == other_root and len(root) >= SHARED_ROOT:
                return True  # 'upload'/'download'
            if shared >= SHARED_ROOT + 1 and (prefix or other_prefix) and _same_word(root, other_root, shared):
                return True  # 'invisible'/'visibility'
    return False


def _same_word(root: str, other_root: str, shared: int) -> bool:
    """Two roots are one word in two forms when past what they share each adds at most a short ending
    ('visib' + 'le' / 'ility')."""
    return len(root) - shared <= MAX_ENDING and len(other_root) - shared <= MAX_ENDING
