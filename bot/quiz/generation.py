"""Recall prompts from the chunks of the notes: every kind of candidate, scored, filtered and de-duplicated."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from bot.knowledge.chunking import Chunk
from bot.knowledge.errata import NO_ERRATA, Errata
from bot.quiz.candidates import DATED_LINE, Candidate, NotesFacts, is_dated, is_example
from bot.quiz.comparisons import comparison_candidates
from bot.quiz.definitions import definition_candidates
from bot.quiz.distractors import tags_of
from bot.quiz.item import ItemKind, QuizItem
from bot.quiz.normalise import normalise
from bot.quiz.one_side import SideFacts
from bot.quiz.quality import Speller, assess
from bot.quiz.sentences import PSEUDO_HEADING, Sentence, sentences_of
from bot.quiz.sibling_sections import sibling_candidates
from bot.quiz.siblings import Embed, Siblings
from bot.quiz.term_prompts import term_candidates
from bot.quiz.terms import glossary_of, key_terms, names_pattern

MIN_SCORE = 2.9
NEAR_DUPLICATE = 90  # token-sort similarity (0-100) of two questions' wording past their framing
PICKED_TERM_KINDS = (ItemKind.TRUE_FALSE, ItemKind.MULTIPLE_CHOICE)  # preferred to a typed blank of equal score
SPARE_PER_TOPIC = 2  # a topic with no prompt above MIN_SCORE still gets its best few
# A section (top two headings) no prompt asks about gets its best multiple choice or true statement this far below
# MIN_SCORE: a name the notes leave plain (not bold) scores one such step below a bold one's sentence.
SECTION_SPARE_STEP = 0.1


def generate_prompts(
    chunks: Sequence[Chunk],
    embed: Embed,
    source_lines: Mapping[str, Sequence[str]],
    min_score: float = MIN_SCORE,
    outdated: Errata = NO_ERRATA,
) -> list[QuizItem]:
    """Prompts in notes order. Pure and deterministic: `embed` maps texts to normalised vectors. No prompt, stand-in
    or false statement comes from a line `outdated` marks out of date (see `up_to_date`)."""
    sentences = up_to_date(sentences_of(chunks, source_lines), source_lines, outdated)
    headings = {title for chunk in chunks for title in chunk.heading_path}
    glossary = glossary_of([*(s.text for s in sentences), *sorted(headings)])
    acronyms = {acronym: expansions[0] for acronym, expansions in glossary.items()}
    known_names = names_pattern([*acronyms, *acronyms.values()])
    terms = [key_terms(s.text, known_names) for s in sentences]
    name_counts = Counter(t.text for found in terms for t in found if t.kind == "name")
    pool = ((t, s.topic) for s, found in zip(sentences, terms, strict=True) for t in found)
    tags = tags_of(s.plain for s in sentences)
    facts = NotesFacts(acronyms, Siblings(pool, embed, acronyms), name_counts, tags)
    asked = current(sentences)
    side_facts = SideFacts(sentences, headings, glossary)
    lines = whole_lines(s for s in sentences if s in asked)
    candidates = [
        *definition_candidates(lines, acronyms, tags, embed),
        *comparison_candidates(lines, source_lines, acronyms, side_facts),
        *sibling_candidates(lines, source_lines, acronyms, side_facts),
        *(c for s, found in zip(sentences, terms, strict=True) if s in asked for c in term_candidates(s, found, facts)),
    ]
    speller = Speller(s.text for s in sentences)
    assessed = (assess(c, speller, acronyms) for c in candidates)
    return select((c for c in assessed if c is not None), min_score)


def up_to_date(
    sentences: Sequence[Sentence], source_lines: Mapping[str, Sequence[str]], outdated: Errata
) -> list[Sentence]:
    """The sentences the quiz may draw on at all: none on a line the errata mark out of date (the line an entry
    matches, or any line in the section of a heading one matches) nor under such a bold pseudo-heading (a heading
    too), so no prompt asks it and no stand-in or false statement is taken from it. A list item under an
    out-of-date one still says its own fact."""
    if not outdated:
        return list(sentences)
    stale = {source: outdated.outdated_lines(lines) for source, lines in source_lines.items()}
    return [
        s
        for s in sentences
        if not any(line in stale.get(s.source, ()) for line in (s.line, *_pseudo_headings(s, source_lines)))
    ]


def _pseudo_headings(sentence: Sentence, source_lines: Mapping[str, Sequence[str]]) -> list[int]:
    """The lines of the bold pseudo-headings framing a sentence ('**Reserved Instances**' above a list)."""
    lines = source_lines.get(sentence.source, ())
    return [c.line for c in sentence.context if PSEUDO_HEADING.match(lines[c.line - 1])]


def current(sentences: Sequence[Sentence]) -> set[Sentence]:
    """The sentences worth asking as facts: none under an example or a heading or framing line marking what follows
    as out of date, none in a list item one of whose lines says it is deprecated or replaced (nor that item's own
    line)."""
    dated_items = {(s.source, s.context[-1].line) for s in sentences if s.context and DATED_LINE.search(s.plain)}
    return {
        s
        for s in sentences
        if not is_dated(s)
        and not is_example(s)
        and not DATED_LINE.search(s.plain)
        and (s.source, s.line) not in dated_items
        and not (s.context and (s.source, s.context[-1].line) in dated_items)
    }


def whole_lines(sentences: Iterable[Sentence]) -> list[Sentence]:
    """The sentences of each line joined back into one."""
    lines: dict[tuple[str, int], Sentence] = {}
    for sentence in sentences:
        key = (sentence.source, sentence.line)
        seen = lines.get(key)
        lines[key] = sentence if seen is None else replace(seen, text=f"{seen.text} {sentence.text}")
    return list(lines.values())


def _framing(prompt: QuizItem) -> str:
    """The question's framing ('heading › list parent'), before its wording."""
    return prompt.question.split(" — ", 1)[0] if " — " in prompt.question else ""


def _wording(prompt: QuizItem) -> str:
    """The question past its framing ('topic › heading — ')."""
    return normalise(prompt.question.split(" — ", 1)[-1])


def _repeats(prompt: QuizItem, other: QuizItem) -> bool:
    """Whether a prompt asks what another already asks: the same wording past the framing (token-sort similarity
    at least NEAR_DUPLICATE) with the same answer, or a framing that does not tell them apart (the same, or one
    the start of the other). 'Size range: 4 GiB - _____' under one volume type and 'Size range: 500 GiB - _____'
    under another ask two facts."""
    framings = sorted((_framing(prompt), _framing(other)), key=len)
    same_place = prompt.answer == other.answer or framings[1].startswith(framings[0])
    return same_place and fuzz.token_sort_ratio(_wording(prompt), _wording(other)) >= NEAR_DUPLICATE


def _rank(candidate: Candidate, other: Candidate) -> tuple[float, bool, str]:
    """How a candidate ranks against another of its line: score, then a statement or choice about one of its terms
    (typed blanks were judged the weakest kind), then the other's id (a stable order)."""
    return candidate.score, candidate.prompt.kind in PICKED_TERM_KINDS, other.prompt.id


def select(candidates: Iterable[Candidate], min_score: float) -> list[QuizItem]:
    """The best candidate of each line (among equals, a statement or choices), above `min_score`, without repeated
    or near-repeated questions."""
    best: dict[tuple[str, int], Candidate] = {}
    for candidate in candidates:
        key = (candidate.prompt.source, candidate.prompt.end_line)
        held = best.get(key)
        if held is None or _rank(candidate, held) > _rank(held, candidate):
            best[key] = candidate
    ranked = sorted(best.values(), key=lambda c: (-c.score, c.prompt.id))
    covered = {c.prompt.topic for c in ranked if c.score >= min_score}
    spares: Counter[str] = Counter()
    kept: list[QuizItem] = []
    ids: set[str] = set()

    def keep(prompt: QuizItem) -> bool:
        if prompt.id in ids or any(_repeats(prompt, other) for other in kept):
            return False
        kept.append(prompt)
        ids.add(prompt.id)
        return True

    for candidate in ranked:
        prompt = candidate.prompt
        if candidate.score < min_score:
            if prompt.topic in covered or spares[prompt.topic] >= SPARE_PER_TOPIC:
                continue
            spares[prompt.topic] += 1
        keep(prompt)
    sections = {_section(p) for p in kept}
    for candidate in ranked:  # a section nothing asks about: its best statement or choice a step below the bar
        prompt = candidate.prompt
        near = min_score - SECTION_SPARE_STEP <= candidate.score < min_score
        if near and _section(prompt) not in sections and _shown_as_written(prompt) and keep(prompt):
            sections.add(_section(prompt))
    return sorted(kept, key=lambda p: (p.source, p.start_line, p.end_line, p.id))


def _section(prompt: QuizItem) -> tuple[str, tuple[str, ...]]:
    """The section a prompt asks about: its file and its top two headings."""
    return prompt.source, prompt.heading_path[:2]


def _shown_as_written(prompt: QuizItem) -> bool:
    """A multiple choice (the answer picked among its own kind) or a true statement (the notes' line as written):
    neither a typed blank (the weakest kind judged) nor a statement made false by a stand-in."""
    return prompt.kind == ItemKind.MULTIPLE_CHOICE or (prompt.kind == ItemKind.TRUE_FALSE and prompt.answer == "True")
