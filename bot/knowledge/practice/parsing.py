"""Reading a pasted practice-exam question: the stem, its lettered options, how many answers to pick."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.errors import InvalidInput
from bot.knowledge.analysis.sentences import stem_sentences

MAX_QUESTION_CHARS = 4000
MAX_OPTIONS = 8
LETTERS = "ABCDEFGH"
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}

# An option marker at the start of a line: "A." "A)" "(A)" "a -" "A:" (letters only, so stems' numbers are safe).
LINE_MARKER = re.compile(r"^\s*(?:\(([A-Ha-h])\)|([A-Ha-h])\s*[.):]|([A-Ha-h])\s+[-–—])\s+(\S.*)$")
CHECKBOX = re.compile(r"^\s*[-*+]\s*\[[ xX]?\]\s+(\S.*)$")
# The same markers inside one line, preceded by whitespace (or the start of the text).
INLINE_MARKER = re.compile(r"(?:^|(?<=\s))(?:\(([A-Ha-h])\)|([A-Ha-h])[.)]|([A-Ha-h])\s[-–—])(?=\s)")
SELECT_HINT = re.compile(
    r"[(\[]?\s*\b(?:select|choose|pick)\s+(?:the\s+)?(\d|one|two|three|four|five)\b"
    r"(?:\s+(?:correct\s+)?(?:answers?|options?|responses?|choices?))?\.?\s*[)\]]?",
    re.IGNORECASE,
)
# Stems asking for the option the notes do NOT support ("Which is NOT...", "...all EXCEPT").
CAPITAL_NEGATION = re.compile(r"\b(?:NOT|EXCEPT)\b")
NEGATED_QUESTION = re.compile(
    r"\bexcept\b|\b(?:is|are)\s+not\b|\bisn't\b|\baren't\b|"
    r"\b(?:incorrect|false|untrue|invalid)\b|\bleast (?:likely|suitable|appropriate)\b",
    re.IGNORECASE,
)
# Where a clause about the scenario starts ("... so that a message is not lost?"): a negation after it is part of
# the requirement, not a question about the options.
SUBORDINATE = re.compile(
    r"\b(?:so|that|when|whenever|if|because|while|unless|after|before|without|"
    r"to (?:ensure|make sure|prevent|avoid|keep|stop))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PracticeQuestion:
    """A multiple-choice question: the stem, its options, how many to pick, and whether the stem is negated."""

    stem: str
    options: tuple[str, ...]
    select: int = 1
    negated: bool = False


def make_question(stem: str, options: list[str] | tuple[str, ...], select: int | None = None) -> PracticeQuestion:
    """A checked question from its parts; `select` defaults to the stem's "Select TWO" hint, else 1."""
    stem = " ".join(stem.split())
    cleaned = tuple(" ".join(str(o).split()) for o in options)
    if not stem:
        raise InvalidInput("The question has no text before its options. Paste the question, then its options.")
    if len(stem) + sum(map(len, cleaned)) > MAX_QUESTION_CHARS:
        raise InvalidInput(f"That question is too long to check (at most {MAX_QUESTION_CHARS} characters).")
    if len(cleaned) < 2:
        raise InvalidInput(
            "I need a question with at least two options, each on its own line starting with A., B., ... "
            "(or A), (A), a -, - [ ])."
        )
    if len(cleaned) > MAX_OPTIONS:
        raise InvalidInput(f"That question has {len(cleaned)} options; I can check at most {MAX_OPTIONS}.")
    if any(not o for o in cleaned):
        raise InvalidInput("One of the options is empty. Give every option some text.")
    if len({o.lower() for o in cleaned}) < len(cleaned):
        raise InvalidInput("Two options have the same text, so the notes cannot tell them apart.")
    count = select if select is not None else select_hint(stem)
    stem = SELECT_HINT.sub("", stem).strip() or stem
    if not 1 <= count < len(cleaned):
        raise InvalidInput(f"Asked to pick {count} of {len(cleaned)} options; pick at least one and fewer than all.")
    return PracticeQuestion(stem=stem, options=cleaned, select=count, negated=is_negated(stem))


def parse_question(text: str, select: int | None = None) -> PracticeQuestion:
    """Split pasted text into stem and options (one per line, or all on one line after their markers)."""
    if not text or not text.strip():
        raise InvalidInput("Paste a practice question with its options to check it against the notes.")
    stem, options = _options_by_line(text)
    if len(options) < 2:
        stem, options = _options_inline(text)
    return make_question(stem, options, select)


def select_hint(stem: str) -> int:
    """How many answers the stem asks for ("Select TWO", "(Choose 3)"), 1 when it does not say."""
    match = SELECT_HINT.search(stem)
    if not match:
        return 1
    word = match.group(1).lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def is_negated(stem: str) -> bool:
    """Whether the question asks for the option that is false or does not apply (NOT / EXCEPT stems).

    Only the asking sentence's main clause counts: "Which is NOT ..." is negated, "What should the developer do so
    that a message is not delivered twice?" is not.
    """
    sentences = stem_sentences(stem.strip())
    asking = [s for s in sentences if "?" in s] or sentences[-1:]
    question = asking[-1] if asking else ""
    main_clause = SUBORDINATE.split(question, maxsplit=1)[0]
    return bool(CAPITAL_NEGATION.search(main_clause) or NEGATED_QUESTION.search(main_clause))


def _options_by_line(text: str) -> tuple[str, list[str]]:
    """Options as lines with a marker; the letters must run A, B, C... (a checkbox list needs no letters)."""
    stem_lines: list[str] = []
    options: list[str] = []
    for line in text.strip().splitlines():
        box = CHECKBOX.match(line)
        marked = LINE_MARKER.match(line)
        letter = next((g for g in marked.groups()[:3] if g), "") if marked else ""
        if box:
            options.append(box.group(1))
        elif marked and LETTERS.index(letter.upper()) == len(options):
            options.append(marked.group(4))
        elif options and line.strip():
            options[-1] += " " + line.strip()  # an option wrapped onto the next line
        elif not options:
            stem_lines.append(line)
    return " ".join(stem_lines), options


def _options_inline(text: str) -> tuple[str, list[str]]:
    """Options written on one line ("... A. x B. y C. z"): markers must appear in letter order."""
    flat = " ".join(text.split())
    cuts: list[tuple[int, int]] = []
    for match in INLINE_MARKER.finditer(flat):
        letter = next(g for g in match.groups() if g).upper()
        if LETTERS.index(letter) == len(cuts):
            cuts.append((match.start(), match.end()))
    if len(cuts) < 2:
        return flat, []
    ends = [start for start, _ in cuts[1:]] + [len(flat)]
    options = [flat[end:stop].strip() for (_, end), stop in zip(cuts, ends, strict=True)]
    return flat[: cuts[0][0]].strip(), options
