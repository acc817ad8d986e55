"""'X vs Y: which one …?' prompts from the lines under a heading (or list item) that compares things."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from bot.knowledge.markdown import heading_of
from bot.knowledge.profile import active_profile
from bot.quiz.candidates import Candidate, accepted_forms, build_prompt, gives_away, stands_alone
from bot.quiz.item import ItemKind
from bot.quiz.normalise import normalise
from bot.quiz.one_side import SideFacts
from bot.quiz.sentences import Sentence, plain
from bot.quiz.specificity import tied_to_one_side

VERSUS = re.compile(r"\s+vs\.?\s+", re.IGNORECASE)
COMPARISON_SCORE = 4.0


def sides_of(title: str) -> list[str]:
    """The things a title compares: 'Cross vs Nested Stacks' -> ['Cross Stacks', 'Nested Stacks']."""
    title = re.sub(r"\([^)]*\)|:$", "", title.split(" -- ")[-1]).strip()
    prefix = active_profile().name_prefix_pattern
    sides = [re.sub(rf"^{prefix}", "", s.strip()) if prefix else s.strip() for s in VERSUS.split(title)]
    if len(sides) == 2:
        first, last = sides
        if _borrows(first, last):
            sides[0] = f"{first} {last.split()[1]}"
        elif _borrows(last, first):
            sides[1] = f"{first.split()[0]} {last}"
    return sides if len(sides) >= 2 and all(sides) else []


def _borrows(side: str, other: str) -> bool:
    """A lone ordinary word shares the other side's noun ('Private' vs 'Public IP'); names stand alone."""
    return len(side.split()) == 1 and len(other.split()) == 2 and side[1:].islower()


def side_at_start(text: str, sides: Sequence[str]) -> str | None:
    start = f"{normalise(text)} "
    return next((s for s in sides if start.startswith(f"{normalise(s.split(' (')[0])} ")), None)


def heading_line(lines: Sequence[str], before: int, title: str) -> int | None:
    """The line of the nearest heading titled `title` above line `before`."""
    for number in range(before - 1, 0, -1):
        heading = heading_of(lines[number - 1])
        if heading is not None and heading[1] == title:
            return number
    return None


def comparison_candidates(
    lines: Iterable[Sentence],
    source_lines: Mapping[str, Sequence[str]],
    acronyms: Mapping[str, str],
    side_facts: SideFacts,
) -> list[Candidate]:
    """One 'which one is this?' prompt per line naming one side of a heading or list item that compares ('X vs
    Y'), offering the sides the notes do not say it of too (`SideFacts.choices_for`)."""
    titles = {source: headings_of(text) for source, text in source_lines.items()}
    candidates = []
    for sentence in lines:
        source = sentence.source
        candidate = _candidate(sentence, source_lines.get(source, ()), titles.get(source, []), acronyms, side_facts)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def headings_of(lines: Sequence[str]) -> list[str]:
    """The plain titles of a file's headings."""
    return [heading[1] for line in lines if (heading := heading_of(line)) is not None]


def _candidate(
    sentence: Sentence,
    lines: Sequence[str],
    titles: Sequence[str],
    acronyms: Mapping[str, str],
    side_facts: SideFacts,
) -> Candidate | None:
    framers: list[tuple[str, int | None]] = [(h, None) for h in sentence.heading_path]
    framers += [(plain(c.text), c.line) for c in sentence.context]
    for index in range(len(framers) - 1, -1, -1):
        title, _ = framers[index]
        sides = sides_of(title) if VERSUS.search(title) else []
        if sides:
            return _about_side(sentence, lines, titles, (title, sides), framers[index + 1 :], acronyms, side_facts)
    return None


def _about_side(
    sentence: Sentence,
    lines: Sequence[str],
    titles: Sequence[str],
    compared: tuple[str, list[str]],
    inner: list[tuple[str, int | None]],
    acronyms: Mapping[str, str],
    side_facts: SideFacts,
) -> Candidate | None:
    """The prompt when the sentence, or a heading or list item between it and the title, names one side."""
    title, sides = compared
    statement, side = sentence.plain, None
    start_line: int | None = sentence.line
    for text, line in inner:
        side = side_at_start(text, sides)
        if side:
            start_line = line if line is not None else heading_line(lines, sentence.line, text)
            break
    if side is None:
        side = side_at_start(sentence.plain, sides)
        if side is None:
            return None
        prefix = active_profile().name_prefix_pattern
        named = re.match(rf"^{prefix}{re.escape(side.split(' (')[0])}\b", sentence.plain, re.IGNORECASE)
        if named is None:
            return None
        statement = sentence.plain[named.end() :].strip(" :-")
    if start_line is None or not stands_alone(statement):
        return None
    if any(gives_away(statement, s, acronyms) for s in sides) or tied_to_one_side(statement, side, sides, titles):
        return None
    offered = side_facts.choices_for(statement, side, sides, sentence.source, sentence.line)
    if not offered:
        return None
    question = f"{title} — {' or '.join(offered)}: which one is this? “{statement}”"
    prompt = build_prompt(
        ItemKind.COMPARISON,
        sentence,
        question,
        side,
        key=side,
        accepted=accepted_forms(side, acronyms),
        choices=offered,
        start_line=start_line,
    )
    return Candidate(prompt, COMPARISON_SCORE)
