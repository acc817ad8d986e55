"""Key terms of a sentence (what a prompt may ask for) and the acronyms the notes define."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.knowledge.profile import active_profile
from bot.quiz.numbers import NUMBER_PATTERN, UNIT_AFTER, canonical_unit

BOLD = re.compile(r"\*\*(.+?)\*\*")
CODE = re.compile(r"`([^`\n]+)`")
PROSE_NUMBER = re.compile(rf"(?<![\w.$/-]){NUMBER_PATTERN}(?![\w.]*[A-Za-z_-]\w)")
NAME = re.compile(r"(?<![\w`-])(?:[A-Z][A-Z0-9]{1,5}s?|[A-Z][a-z]+[A-Z][A-Za-z]+)(?![\w`-])")
PAREN = re.compile(r"\(([^()]{2,60})\)")
# Examples are not the point of a sentence: "(e.g., eu-north)", "for example, 1000 files".
EXAMPLE = re.compile(
    r"\((?:e\.g|i\.e|ex|eg|for example|such as)\b[^)]*\)|\b(?:e\.g\.|for example|examples?)\b[^.;)]*", re.I
)
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
FILLERS = {"and", "of", "for", "the", "&", "to", "as", "a", "on", "in", "with"}
TRIVIAL = {
    "the", "a", "an", "not", "no", "yes", "cannot", "can", "only", "note", "all", "and", "or",
    "is", "are", "it", "this", "that", "never", "always", "again", "important", "example", "use case", "tip",
    "must", "will", "won't", "don't", "do", "does", "one", "none", "both", "more", "less", "very", "also",
    "i", "we", "you", "they", "true", "false", "ok", "etc", "e.g.", "i.e.", "any", "every", "each", "some",
    "same", "different", "free", "new", "old", "once", "twice", "before", "after", "first", "last", "multiple",
    "single", "many", "few", "several", "most", "least", "much", "from",
}  # fmt: skip
LEADING_FUNCTION_WORDS = {
    "not", "no", "only", "cannot", "can", "will", "with", "without", "is", "are", "must", "should", "do", "does",
    "very", "more", "less", "also", "never", "always", "again", "if", "when", "then", "so", "by", "to", "for",
    "and", "or", "but", "because", "which", "that", "there", "it", "this", "we", "you", "in", "on", "at", "used",
}  # fmt: skip
# Labels that introduce a remark rather than name a thing ("**Note:**", "Use case:", "RSA advantages:").
GENERIC_LABEL = re.compile(
    r"^(?:note|notes|important|example|examples|ex|e\.g|use ?cases?|tip|pros|cons|thus|result|summary|remember"
    r"|why|answer|question|q|a|step \d+|option \d+|good to know|exam|goal|idea|benefits?|cost|costs|pricing|source"
    r"|sources|reason|problem|solution|advantages?|disadvantages?|also|so|for|in|the|this|it|recap|overview"
    r"|reminder|best practices?|warning|caveat|takeaway|hint|purpose|options?|features?|key point|bonus|gotcha"
    r"|good read|read|via|using|with|without|side note|basically|essentially|simply|in short|threshold \w"
    r"|security|performance|configs?|settings?|details?|misc|default)\b"
    r"|\b(?:advantages?|disadvantages?|pros|cons|benefits?|examples?|use ?cases?|notes?|limitations?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Term:
    """A span of a sentence's markdown that a prompt may blank: its plain text and its type."""

    text: str
    kind: str  # "number", "code", "name" or "phrase"
    start: int
    end: int
    unit: str = ""  # numbers: the canonical unit asked for with it

    @property
    def type_key(self) -> str:
        """Terms share a type (and may stand in for each other) when their keys are equal: same kind and shape."""
        if self.kind == "number":
            return f"number:{self.unit}"
        text = self.text
        case = "upper" if text.isupper() else "lower" if text.islower() else "mixed"
        digits = "digits" if any(c.isdigit() for c in text) else ""
        marks = "marks" if re.search(r"[./:_]", text) else ""
        return f"{self.kind}:{case}:{digits}:{marks}:{min(len(text.split()), 3)}"


def acronym_pattern() -> re.Pattern[str]:
    """An acronym, perhaps after one of the notes' name prefixes; group 1 is the acronym."""
    return _acronym_after(active_profile().name_prefix_pattern)


@lru_cache(maxsize=8)
def _acronym_after(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"^{prefix}([A-Z][A-Za-z0-9]{{1,7}})$")


def is_trivial(text: str) -> bool:
    """Blanks not worth asking for: stop words, the notes' trivial terms, one letter, or a whole clause."""
    lowered = " ".join(text.lower().split())
    words = lowered.split()
    return (
        lowered in TRIVIAL
        or lowered in active_profile().trivial_terms
        or len(lowered) < 2
        or not re.search(r"[a-z0-9]", lowered)
        or len(words) > 4
        or len(lowered) > 40
        or words[0] in LEADING_FUNCTION_WORDS
        or words[-1] in FILLERS
        or bool(GENERIC_LABEL.search(lowered))
    )


def shape_kind(text: str) -> str:
    """'name' for capitalised terms (services, features), else 'phrase'."""
    words = text.split()
    return "name" if sum(w[:1].isupper() or w[:1].isdigit() for w in words) * 2 >= len(words) else "phrase"


def _number_term(markdown: str, start: int, end: int, number: str) -> Term:
    after = UNIT_AFTER.match(markdown[end:])
    if after:
        unit_end = end + after.end()
        unit = canonical_unit(after.group(2)) or ""
        shown = f"{number}{after.group(2)}" if unit == "%" else f"{number} {after.group(2)}"
        return Term(shown, "number", start, unit_end, unit)
    return Term(number, "number", start, end)


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern finding any of `names` as whole words, the longest first."""
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    if not ordered:
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in ordered)})(?![\w-])")


def key_terms(markdown: str, known_names: re.Pattern[str] | None = None) -> list[Term]:
    """The terms of one sentence, left to right, without overlaps (bold wins over code over numbers)."""
    found: list[Term] = []
    for match in BOLD.finditer(markdown):
        if match.group(1).rstrip().endswith(":") or markdown[match.end() :].startswith(":"):
            continue  # a label ("**Remember:**"), not a term
        inner = match.group(1).replace("`", "").strip().strip("\"'")
        number = re.fullmatch(NUMBER_PATTERN, inner)
        if number:
            found.append(_number_term(markdown, match.start(), match.end(), inner))
        elif not is_trivial(inner):
            found.append(Term(inner, shape_kind(inner), match.start(), match.end()))
    for match in CODE.finditer(markdown):
        inner = match.group(1).strip()
        if re.fullmatch(NUMBER_PATTERN, inner):
            found.append(_number_term(markdown, match.start(), match.end(), inner))
        elif " " not in inner and re.search("[A-Za-z]", inner) and not is_trivial(inner) and inner[0] not in "<$-":
            found.append(Term(inner, "code", match.start(), match.end()))
    for match in PROSE_NUMBER.finditer(markdown):
        if UNIT_AFTER.match(markdown[match.end() :]):
            found.append(_number_term(markdown, match.start(), match.end(), match.group(0)))
    for match in NAME.finditer(markdown):
        if not is_trivial(match.group(0)):
            found.append(Term(match.group(0), "name", match.start(), match.end()))
    if known_names is not None:
        found.extend(Term(m.group(0), "name", m.start(), m.end()) for m in known_names.finditer(markdown))
    examples = [m.span() for m in EXAMPLE.finditer(markdown)]
    found = [t for t in found if not any(a <= t.start < b for a, b in examples) and not ORDINAL.match(t.text)]
    chosen: list[Term] = []
    for term in found:  # earlier sources win; a later term overlapping a chosen one is dropped
        if all(term.end <= c.start or term.start >= c.end for c in chosen):
            chosen.append(term)
    return sorted(chosen, key=lambda t: t.start)


def _letters(acronym: str) -> str:
    """The initials an acronym stands for: 'MP3' -> 'MPPP', 'W3C' -> 'WWWC'."""
    out = ""
    for char in acronym:
        if char.isdigit() and out:
            out += out[-1] * (int(char) - 1)
        elif char.isupper():
            out += char
    return out


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if w.lower() not in FILLERS and w[:1].isalpha())


def _expansion_before(words: list[str], acronym: str) -> str | None:
    """The shortest run of capitalised words ending `words` whose initials spell `acronym`."""
    letters = _letters(acronym)
    for size in range(1, min(len(words), 8) + 1):
        run = words[-size:]
        if run[0][:1].isupper() and _initials(run) == letters:
            return " ".join(run)
    return None


def spelled_out_in(acronym: str, text: str) -> bool:
    """Whether `text` has a run of capitalised words whose initials spell `acronym` ('TLS': Transport Layer
    Security), whether or not the acronym follows it in parentheses."""
    letters = _letters(acronym)
    if len(letters) < 2 or not acronym[:1].isupper():
        return False
    words = re.findall(r"[\w&/-]+", text)
    return any(_expansion_before(words[: end + 1], acronym) for end in range(len(words)))


def spelled_parts(name: str, text: str) -> set[str]:
    """The acronym parts of a name (two or more capitals) that `text` spells out, lower-cased: 'ms' of GC-MS
    beside 'Mass Spectrometry'."""
    parts = set(re.findall(r"(?<![A-Z])[A-Z]{2,}(?![a-z])", name))
    return {p.lower() for p in parts if spelled_out_in(p, text)}


def acronym_map(texts: Iterable[str]) -> dict[str, str]:
    """Acronyms the notes spell out, as in 'Domain Name System (DNS)' or 'MFA (Multi Factor Authentication)'.

    The first expansion the notes give wins; `glossary_of` keeps them all.
    """
    return {acronym: expansions[0] for acronym, expansions in glossary_of(texts).items()}


def glossary_of(texts: Iterable[str]) -> dict[str, list[str]]:
    """Every acronym the notes spell out -> each expansion they give it, in notes order.

    'IOPS (input/output operations per second)' counts 'input/output' as one word, as 'I/O' is one letter.
    """
    found: dict[str, list[str]] = {}
    for text in texts:
        for acronym, expansion in _spelled_out(text.replace("**", "").replace("`", "")):
            forms = found.setdefault(acronym, [])
            if expansion.lower() not in (f.lower() for f in forms):
                forms.append(expansion)
    return found


def _spelled_out(text: str) -> Iterable[tuple[str, str]]:
    acronym_of = acronym_pattern()
    for match in PAREN.finditer(text):
        before = re.findall(r"[\w&/-]+", text[: match.start()])
        inside = match.group(1).strip()
        acronym = acronym_of.match(inside)
        if acronym and sum(c.isupper() for c in acronym.group(1)) >= 2 and before:
            expansion = _expansion_before(before, acronym.group(1))
            if expansion:
                yield acronym.group(1), expansion
                continue
        inside_words = re.findall(r"[\w&/-]+", inside)
        if (
            before
            and acronym_of.match(before[-1])
            and len(_letters(before[-1])) >= 2
            and _initials(inside_words) == _letters(before[-1])
        ):
            yield before[-1], " ".join(inside_words)
