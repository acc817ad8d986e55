"""Training the answerability model at index build time, on questions generated from the notes themselves.

No hand-written or evaluation question is used, so the same method works for any server's notes:

- full: a question about a line (its section's name, sometimes with a word of another line of the section, and
  the line's rarest words), and, for a line that gives a quantity (a duration, a size, ...), the same asked as
  "how long ...", "how big ...", or as "the default ..." / "the maximum ..." when the line says which value it
  gives. A few plain words the notes lack are mixed in, as members write.
- partial: the section's name with an attribute the notes lack for it: a kind of quantity no line of the section
  gives, or one another line of the section gives but the asked line does not (the default of another setting,
  another feature's limit: "the default {a}" asked with the words of a line that gives no default).
- none: the attribute kept but the subject swapped for a name the notes never use, and questions of plain
  English words the notes do not contain.

The `stated` stage has questions of its own (`stated_examples`), so the other two stages' stay as they were:
- full: a question about a line of a section, as above, with filler words of common English (`CHATTER_RANKS`:
  "quick", "bunch").
- partial: the section's name with a word the notes never use beside it or as the attribute asked (a feature of
  it the notes lack, named in lower-case English: "{section} {word}"), drawn from rarer English (`NAME_RANKS`).
  What tells the two apart is how rare the words the notes lack are: a member's filler is common English, a
  feature's name mostly is not.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from wordfreq import top_n_list

from bot.knowledge.abstention import NotesLexicon
from bot.knowledge.analysis.analyser import STOP_WORDS, content_words, terms
from bot.knowledge.answer_types import ANSWER_TYPES, QUALIFIERS, AnswerType, gives, qualified
from bot.knowledge.answerability import AnswerabilityModel, CoverageOutcome
from bot.knowledge.chunking import Chunk
from bot.knowledge.coverage import COVERED_FEATURES, KIND_FEATURES, STATED_FEATURES, Coverage, TermWeights, measure
from bot.knowledge.logistic import SEED, fit_stage
from bot.knowledge.retriever import Retriever

MAX_SECTIONS = 100  # sections sampled for questions: enough for a stable fit, small enough for a fast build
MIN_VISITS = 40  # small notes: their sections are visited again (other lines, other words) up to this many times
PLAIN_RANKS = (2000, 20000)  # ranks in English word frequency of the words of made-up names, off-topic questions
CHATTER_RANKS = (300, 10000)  # ... of the filler words in the `stated` stage's questions
NAME_RANKS = (10000, 100000)  # ... of the lower-case words naming a feature the notes lack

# How each kind of quantity is asked for; {s} is the subject, {a} the attribute words.
ASKING = {
    "price": ("how much does {s} {a} cost?", "is {s} {a} cheaper?", "what is the price of {a} in {s}?"),
    "duration": ("how long is the {a} of {s}?", "how long does {s} {a} take?", "what is the timeout for {s} {a}?"),
    "size": ("how big can {s} {a} be?", "what is the maximum size of {s} {a}?"),
    "percentage": ("what percentage is {s} {a}?", "what discount does {s} {a} give?"),
    "count": ("how many {a} does {s} have?", "what is the number of {a} in {s}?"),
    "number": ("what is the maximum {a} for {s}?", "what are the limits of {s} {a}?"),
}
# The qualified kinds (a line must say which value it gives: the default, the maximum, the minimum) are asked too.
QUALIFIED_KINDS = tuple(qualified(None, q) for q in QUALIFIERS)
ASKING_QUALIFIED = {
    "default": ("what is the default {a} for {s}?", "what does {s} {a} default to?"),
    "maximum number": ("what is the maximum {a} of {s}?", "what is the upper limit on {s} {a}?"),
    "minimum number": ("what is the minimum {a} for {s}?", "what is the lower limit on {s} {a}?"),
}
GENERATED_KINDS = (*ANSWER_TYPES, *QUALIFIED_KINDS)
PLAIN = ("what is {a} in {s}?", "{s}: {a}?", "how does {s} handle {a}?", "tell me about {a} for {s}")


@dataclass(frozen=True)
class Example:
    question: str
    outcome: CoverageOutcome


@dataclass(frozen=True)
class _Visit:
    """A section visited for questions: its text and usable lines, its name, and one line with its rarest words."""

    text: str
    lines: list[str]
    subject: str
    subject_terms: set[str]
    line: str
    attribute: str


@dataclass(frozen=True)
class Located:
    """A generated question whose answer is a line of one chunk."""

    question: str
    chunk_id: str


def _plain_english(vocabulary_words: set[str], ranks: tuple[int, int]) -> list[str]:
    """English words of these frequency ranks (most frequent first) that the notes never use."""
    first, last = ranks
    return [w for w in top_n_list("en", last)[first:] if w.isalpha() and len(w) > 4 and w not in vocabulary_words]


class QuestionGenerator:
    """Labelled questions from chunks (deterministic for the same notes)."""

    def __init__(self, chunks: Sequence[Chunk], weights: TermWeights, vocabulary_words: set[str]) -> None:
        self.weights = weights
        self.rng = random.Random(SEED)
        sections: dict[tuple[str, tuple[str, ...]], list[Chunk]] = {}
        for chunk in chunks:
            if chunk.heading_path:
                sections.setdefault((chunk.source, chunk.heading_path), []).append(chunk)
        keys = sorted(sections)
        self.rng.shuffle(keys)
        self.sections = [sections[k] for k in keys[:MAX_SECTIONS]]
        self.all_chunks = list(chunks)
        self.english = _plain_english(vocabulary_words, PLAIN_RANKS)
        self.chatter = _plain_english(vocabulary_words, CHATTER_RANKS)
        self.names = _plain_english(vocabulary_words, NAME_RANKS)

    def _attribute(self, line: str, exclude: set[str]) -> str:
        """Two or three of the line's rarest content words, in the line's order."""
        candidates = [w for w in dict.fromkeys(content_words(line)) if w.isalpha() and terms(w)[0] not in exclude]
        rarest = sorted(candidates, key=lambda w: -self.weights.idf(terms(w)[0]))[: self.rng.choice((1, 2, 3))]
        return " ".join(w for w in candidates if w in rarest)

    def _chatty(self, question: str, filler: Sequence[str] | None = None) -> str:
        """The question with a few plain words the notes lack, as members write ("quick", "keeps", "somewhere"),
        drawn from `filler` (by default the words of `PLAIN_RANKS`)."""
        extra = self.rng.sample(filler or self.english, self.rng.choice((0, 1, 2, 3)))
        return f"{question.rstrip('?')} {' '.join(extra)}?" if extra else question

    def _fake_name(self) -> str:
        return " ".join(w.capitalize() for w in self.rng.sample(self.english, 2))

    def _ask(self, kind: AnswerType | None, subject: str, attribute: str) -> str:
        templates = PLAIN if kind is None else ASKING.get(kind.name) or ASKING_QUALIFIED[kind.name]
        template = self.rng.choice(templates)
        return template.format(s=subject, a=attribute)

    def located(self, limit: int) -> list[Located]:
        """Up to `limit` questions, each about a line of one chunk: its rarest words, asked about the line's section
        (its name, its parent's, another of its words, or no subject at all), sometimes for the kind of quantity
        the line gives, with plain chatter words mixed in as members write."""
        chunks = [c for c in self.all_chunks if c.heading_path]
        self.rng.shuffle(chunks)
        out: list[Located] = []
        for chunk in chunks:
            if len(out) == limit:
                break
            lines = [line for line in chunk.text.split("\n") if len(content_words(line)) >= 3]
            if not lines:
                continue
            line = self.rng.choice(lines)
            path = chunk.heading_path
            attribute = self._attribute(line, set(terms(path[-1])))
            if not attribute:
                continue
            other = self._attribute(self.rng.choice(lines), set(terms(path[-1]))).split(" ")[0]
            subject = self.rng.choice((path[-1], path[-2] if len(path) > 1 else path[-1], other, ""))
            given = [k for k in ANSWER_TYPES if gives(line, k)]
            kind = self.rng.choice(given) if given and self.rng.random() < 0.5 else None
            out.append(Located(self._chatty(" ".join(self._ask(kind, subject, attribute).split())), chunk.chunk_id))
        return out

    def _visits(self) -> Iterator[_Visit]:
        """Each sampled section (again and again for small notes, up to `MIN_VISITS`) with one of its lines and
        that line's rarest words; sections without a usable line are skipped."""
        rounds = -(-MIN_VISITS // len(self.sections)) if self.sections else 0
        for section in self.sections * rounds:
            text = "\n".join(c.text for c in section)
            lines = [line for line in text.split("\n") if len(content_words(line)) >= 3]
            if not lines:
                continue
            subject = section[0].heading_path[-1]
            subject_terms = set(terms(subject))
            line = self.rng.choice(lines)
            attribute = self._attribute(line, subject_terms)
            if attribute:
                yield _Visit(text, lines, subject, subject_terms, line, attribute)

    def stated_examples(self) -> list[Example]:
        """Questions for the `stated` stage: per visited section, one about a line of it (full) and its subject with
        a word the notes never use, beside the subject or as the attribute asked (partial); filler words in both."""
        out: list[Example] = []
        for visit in self._visits():
            given = [None, *(k for k in ANSWER_TYPES if gives(visit.line, k))]
            asked = self._ask(self.rng.choice(given), visit.subject, visit.attribute)
            out.append(Example(self._chatty(asked, self.chatter), CoverageOutcome.FULL))
            name = self.rng.choice(self.names)
            asked = self.rng.choice(
                (
                    self._ask(self.rng.choice(given), f"{visit.subject} {name}", visit.attribute),
                    self._ask(None, visit.subject, f"{name} {visit.attribute}"),
                )
            )
            out.append(Example(self._chatty(asked, self.chatter), CoverageOutcome.PARTIAL))
        return out

    def examples(self) -> list[Example]:
        """Questions for the `covered` and `kind given` stages (see the module)."""
        out: list[Example] = []
        for visit in self._visits():
            text, lines, subject, subject_terms = visit.text, visit.lines, visit.subject, visit.subject_terms
            line, attribute = visit.line, visit.attribute
            context = f"{subject} {self._attribute(self.rng.choice(lines), subject_terms).split(' ')[0]}"
            out.append(
                Example(
                    self._chatty(self._ask(None, self.rng.choice((subject, context)), attribute)), CoverageOutcome.FULL
                )
            )
            given = [k for k in ANSWER_TYPES if gives(line, k)]
            if given:
                asked = self._ask(given[0], self.rng.choice((subject, context)), attribute)
                out.append(Example(self._chatty(asked), CoverageOutcome.FULL))
            lacking = [k for k in ANSWER_TYPES if not any(gives(t, k) for t in text.split("\n"))]
            if lacking:
                out.append(Example(self._ask(self.rng.choice(lacking), subject, attribute), CoverageOutcome.PARTIAL))
            qualified_here = [k for k in QUALIFIED_KINDS if gives(line, k)]
            if qualified_here:
                asked = self._ask(qualified_here[0], self.rng.choice((subject, context)), attribute)
                out.append(Example(self._chatty(asked), CoverageOutcome.FULL))
            elsewhere = given_elsewhere(text.split("\n"), line)
            if elsewhere:
                asked = self._ask(self.rng.choice(elsewhere), subject, attribute)
                out.append(Example(asked, CoverageOutcome.PARTIAL))
            kind = self.rng.choice([None, *given])
            out.append(Example(self._ask(kind, self._fake_name(), attribute), CoverageOutcome.NONE))
            off_topic = self.rng.sample(self.english, self.rng.choice((3, 4)))
            kind = self.rng.choice([None, *ANSWER_TYPES])
            out.append(Example(self._ask(kind, self._fake_name(), " ".join(off_topic[1:])), CoverageOutcome.NONE))
            if self.rng.random() < 0.5:  # plain words only, no name at all
                out.append(Example(self._ask(kind, off_topic[0], " ".join(off_topic[1:])), CoverageOutcome.NONE))
        return out


def given_elsewhere(lines: list[str], line: str) -> list[AnswerType]:
    """The kinds of quantity (qualified ones too) that another line of the section gives but `line` and the lines
    either side of it do not: asked about `line`'s words, the section's other figure is a near miss (the default of
    another setting, another feature's limit)."""
    at = lines.index(line)
    near = lines[max(0, at - 1) : at + 2]
    return [
        k
        for k in GENERATED_KINDS
        if not any(gives(t, k) for t in near) and any(gives(t, k) for t in lines[: max(0, at - 1)] + lines[at + 2 :])
    ]


def train(retriever: Retriever, lexicon: NotesLexicon, weights: TermWeights) -> AnswerabilityModel:
    """Fit both stages on questions generated from `retriever`'s notes; reports hold cross-validated figures."""
    generator = QuestionGenerator(retriever.chunks, weights, set(retriever.vocabulary.counts) | set(STOP_WORDS))
    examples = generator.examples()
    measured = _measured(retriever, [e.question for e in examples], lexicon, weights)
    covered = fit_stage(
        COVERED_FEATURES,
        [m.vector(COVERED_FEATURES) for m in measured],
        [e.outcome is not CoverageOutcome.NONE for e in examples],
    )
    asking = [
        (m, e)
        for m, e in zip(measured, examples, strict=True)
        if m.answer_type and e.outcome is not CoverageOutcome.NONE
    ]
    kind_given = fit_stage(
        KIND_FEATURES,
        [m.vector(KIND_FEATURES) for m, _ in asking],
        [e.outcome is CoverageOutcome.FULL for _, e in asking],
    )
    stating = generator.stated_examples()
    stated = fit_stage(
        STATED_FEATURES,
        [m.vector(STATED_FEATURES) for m in _measured(retriever, [e.question for e in stating], lexicon, weights)],
        [e.outcome is CoverageOutcome.FULL for e in stating],
    )
    return AnswerabilityModel(covered, kind_given, stated)


def _measured(
    retriever: Retriever, questions: list[str], lexicon: NotesLexicon, weights: TermWeights
) -> list[Coverage]:
    """The coverage measures of each question over what the retriever finds for it (embedded in one call)."""
    vectors = retriever.embed_questions(questions) if questions else np.zeros((0, 1))
    return [
        measure(retriever.vocabulary.repair_in_place(q), retriever.search_vector(q, v, k=5), lexicon, weights)
        for q, v in zip(questions, vectors, strict=True)
    ]
