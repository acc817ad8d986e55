"""Whether a prompt has one right answer and says what it asks about, told apart by its form.

- A placeholder as the answer: a template whose slots are spelled as generic nouns ('HOST_NAME:PORT',
  'Vendor::product-name::type-name'); its exact spelling is arbitrary and a right answer spelled otherwise is refused.
- A figure without its subject: a statement that opens without one ('Up to _____ of data', 'Returns up to ...')
  under a framing that names nothing (a heading of plain English words: 'Reading Data'); which call, which
  product, which limit is then anyone's guess.
- A numbered name paired with another ('(_____ or xs2)', 'Only _____ and xs2 can ...'): numbered names come in
  families, and the family's other members fit the blank as well.
- A hedged statement ('you may be impacted by the limits'): true whatever it names, so no true/false statement.
- A line of figures ('Size range: 4 GiB - _____', 'MIN 100 - MAX _____ or 64000'): a spec sheet.
- A comparison statement naming a term the notes' headings tie to its own side alone ('"Multi-Mount"' beside a
  heading 'Disk Multi-Mount'): the term tells the side.
- A port named by its protocol ('port _____ (SMTP port)'): the well-known port follows from the name.
- A question mark in a statement, or a statement that breaks off ('... to HTTPS, or'): the notes asked a question
  there or lost their words, they did not state a fact.
- A blank said to be nothing but what comes with it or what it serves ('_____ with polling, pushing, or batching',
  '_____ setup for recovery'): the statement has no predicate, and every thing offering those fits the blank.
- A blank qualifying a configuration ('the simple _____ based configuration'): the format and the thing configured
  (the framing's tool) fit alike.
- A name blanked where a limit is the fact ('_____ has a limit of 100 calls per second'): asked backwards, the
  figure is what a reader learns; the name is one example of a quota table.
- A manual-page reference as the answer ('fork(2)'): the operating system's calls, not the notes' subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from wordfreq import zipf_frequency

from bot.quiz.normalise import mentions
from bot.quiz.quantities import unit_name

# Generic nouns a template's slots are named with ('bucket-name', 'IP_ADDRESS', 'PORT', 'data-type-name').
SLOT_NOUNS = frozenset(["name", "type", "id", "address", "port", "value", "number", "path", "host", "placeholder"])
SEGMENT = re.compile(r"::?")
SLOT_PART = re.compile(r"[-_]")
# Words a statement opens with when its subject is left to its frame ('Up to 1 MB', 'Returns 16 items').
SUBJECTLESS_START = re.compile(
    r"^(?:up to|at (?:most|least)|between|returns?|supports?|allows?|consumes?"
    r"|takes?|has|have|can|is|are|was|were)\b",
    re.IGNORECASE,
)
NAME_TOKEN = re.compile(r"[A-Za-z][\w.:/-]*")
RARE_NAME_ZIPF = 4.0  # a capitalised word this rare in English names something ('Kafka' 3.0); 'Reading' 4.6 does not
GERUND = re.compile(r"[a-z]{3}ing$")  # 'Fetching', 'Batching': a verb, plain English however rare
NUMBERED = re.compile(r"[A-Za-z]+\d+[A-Za-z]*")
NUMBERED_PAIR = re.compile(
    r"(?<![\w-])([A-Za-z]+\d+[A-Za-z]*)\s+(?:and|or|&|/|\+)\s+_____|_____\s+(?:and|or|&|/|\+)\s+([A-Za-z]+\d+[A-Za-z]*)"
    r"(?![\w-])"
)
HEDGE = re.compile(r"\b(?:may|might|could)\b", re.IGNORECASE)
# A term a statement names: in quotes, capitalised parts joined by hyphens ('Multi-Mount'), or CamelCase.
NAMED_TERM = re.compile(r'"([^"]{2,40})"|\b([A-Z][a-z0-9]*(?:-[A-Z][a-z0-9]*)+)\b|\b([A-Z][a-z]+[A-Z]\w*)\b')
BLANK = "_____"
FIGURE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w.])")
SHEET_FIGURES = 3
SPEC_LABEL = re.compile(r"^[\w /]{1,24}:\s")  # 'Size range: ', 'Max rate: '
RANGE_WORDS = frozenset(["to", "or", "and", "min", "max", "minimum", "maximum", "from", "up"])
BROKEN_OFF = re.compile(r"(?:,|\b(?:or|and|but|the|a|an))$", re.IGNORECASE)
PORT_BLANK = re.compile(r"\bport\s+_____", re.IGNORECASE)
# '_____ with A, B, or C', '_____ setup for X', '_____ via X': the blank, at most one noun, then only a preposition's
# phrase.
COMPANIONS_ONLY = re.compile(
    r"^_____(?:\s+[a-z][\w-]*)?\s+(?:with|for|via|using|through)\b(?!.*\b(?:is|are|was|were|can|will|must|should"
    r"|has|have|does|do|lets?|allows?|makes?|gives?|provides?|means)\b)",
    re.IGNORECASE,
)
CONFIGURATION_BLANK = re.compile(r"_____[\s-]+(?:based\s+)?(?:configuration|config|settings)\b", re.IGNORECASE)
LIMIT_OF_BLANK = re.compile(r"^(?:the\s+)?_____\b.*\b(?:limit|quota|maximum|max|cap)\s+of\s+\d", re.IGNORECASE)
MANUAL_PAGE = re.compile(r"[a-z_][a-z0-9_]*\(\d[a-z]?\)")  # 'fork(2)', 'printf(3)'
PROTOCOL_PORT = re.compile(r"(?<![\w-])[A-Z]{2,6}\s+[Pp]ort\b|\b[Pp]ort\s*\(\s*[A-Z]{2,6}\s*\)")  # 'SMTP port'


def placeholder_answer(answer: str) -> bool:
    """Whether the answer is a template of two or more parts ('::' or ':' apart), at least two of them slots named
    by a generic noun ('IP_ADDRESS:PORT', 'Vendor::product-name::type-name')."""
    segments = [s for s in SEGMENT.split(answer) if s]
    slots = [s for s in segments if SLOT_PART.split(s)[-1].lower() in SLOT_NOUNS]
    return len(segments) >= 2 and len(slots) >= 2


def names_something(text: str) -> bool:
    """Whether a framing names a thing: an acronym, an identifier, a numbered name, or a capitalised word rare in
    English that is no verb's -ing form ('Kafka', 'Zookeeper'); 'Reading Data' and 'Fetching Records' name
    nothing."""
    for token in NAME_TOKEN.findall(text):
        word = token.strip(".:/-")
        if not word[:1].isupper() and not re.search(r"[A-Z\d_.:]", word[1:]):
            continue
        if re.search(r"[A-Z].*[A-Z]|\d|[_.:]", word):
            return True
        if not GERUND.search(word) and zipf_frequency(word.lower(), "en") < RARE_NAME_ZIPF:
            return True
    return False


def subjectless_figure(framing: str, statement: str) -> bool:
    """Whether a statement opens without a subject ('Up to _____ of data') under a framing that names nothing."""
    return SUBJECTLESS_START.match(statement.strip()) is not None and not names_something(framing)


def numbered_pair(statement: str, answer: str) -> bool:
    """Whether a numbered answer's blank is paired with another numbered name ('_____ or xs2')."""
    return NUMBERED.fullmatch(answer) is not None and NUMBERED_PAIR.search(statement) is not None


def port_named(question: str) -> bool:
    """Whether a port asked for is named by its protocol in the question ('port _____ (SMTP port)')."""
    return PORT_BLANK.search(question) is not None and PROTOCOL_PORT.search(question) is not None


def asks_a_question(statement: str) -> bool:
    """Whether the notes' sentence is a question ('..., so how do we send larger ones?') or breaks off ('You can
    set it to HTTPS, or')."""
    text = re.sub(r"`[^`]*`|https?://\S+", " ", statement).strip().rstrip("”").strip()
    return "?" in text or BROKEN_OFF.search(text) is not None


def hedged(statement: str) -> bool:
    """Whether a statement only says what may happen ('you may be impacted by the limits'): true whatever it names,
    so no true/false statement."""
    return HEDGE.search(statement) is not None


def figure_sheet(statement: str) -> bool:
    """Whether a statement is a line of figures: three or more ('MIN 100 - MAX _____ or 64000'), or a label with
    nothing but figures after it ('Size range: 4 GiB - _____'). Spec sheets, learnt by nobody, asked by no exam."""
    figures = len(FIGURE.findall(statement.replace(BLANK, " 1 ")))
    label = SPEC_LABEL.match(statement)
    rest = statement[label.end() :] if label else ""
    words = [w for w in re.findall(r"[A-Za-z]+", rest.replace(BLANK, " ")) if unit_name(w) is None]
    return figures >= SHEET_FIGURES or (label is not None and not [w for w in words if w.lower() not in RANGE_WORDS])


def tied_to_one_side(statement: str, side: str, sides: Sequence[str], headings: Iterable[str]) -> bool:
    """Whether a comparison's statement names a term the notes' headings tie to its own side alone ('unless
    "Multi-Mount" is enabled' beside a heading 'Disk Multi-Mount', sides Disk and Share): the term tells the side."""
    others = [s for s in sides if s != side]
    for term in NAMED_TERM.findall(statement):
        name = next(t for t in term if t)
        for heading in headings:
            if mentions(heading, name) and mentions(heading, side) and not any(mentions(heading, o) for o in others):
                return True
    return False


def named_by_companions(statement: str, answer: str) -> bool:
    """Whether the statement says nothing of its opening blank, a name, but what comes with it or what it serves
    ('_____ with polling, pushing, or batching', '_____ setup for recovery'): no predicate, so everything offering
    those fits. A quantity is no name ('_____ TTL for cache by default' asks the default's value)."""
    return not any(c.isdigit() for c in answer) and COMPANIONS_ONLY.match(statement.strip()) is not None


def qualifies_a_configuration(statement: str, answer: str) -> bool:
    """Whether the blank qualifies a configuration ('the simple _____ based configuration'), the answer being no
    file name: the format and the tool configured fit alike."""
    return "." not in answer and CONFIGURATION_BLANK.search(statement) is not None


def name_beside_its_limit(statement: str) -> bool:
    """Whether a name is blanked where the statement's fact is a limit ('_____ has a limit of 100 calls per
    second'): asked backwards."""
    return LIMIT_OF_BLANK.match(statement.strip()) is not None


def manual_page(answer: str) -> bool:
    """Whether the answer is an operating-system manual page's reference ('fork(2)'): trivia beside the notes'
    subject."""
    return MANUAL_PAGE.fullmatch(answer.strip()) is not None
