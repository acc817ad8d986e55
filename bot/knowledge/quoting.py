"""Quoting some lines of a passage faithfully: every gap marked with "…", every bullet kept under its parent."""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge.outline import ancestors, indent, parents

GAP = "…"


def pick_lines(lines: Sequence[str], scores: Sequence[float], budget: int) -> list[int]:
    """Indices of the best-scoring lines (with the bullets they sit under) that fit in `budget` characters.

    Lines are taken best first; a line scoring nothing is taken only when nothing else was. Each line brings the
    chain of less-indented lines it sits under, so a sub-bullet is never shown under another parent.
    """
    parent_of = parents(lines)
    picked: set[int] = set()
    used = 0
    for i in sorted(range(len(lines)), key=lambda i: (-scores[i], i)):
        if scores[i] <= 0 and picked:
            break
        wanted = [a for a in [*ancestors(lines, i, parent_of), i] if a not in picked]
        cost = sum(min(len(lines[a]), budget) + 1 for a in wanted)
        if used + cost > budget and picked:
            continue
        picked.update(wanted)
        used += cost
    return sorted(picked)


def quote(lines: Sequence[str], picked: Sequence[int]) -> str:
    """The picked lines in order, with a "…" line (indented like the line after it) wherever lines were left out."""
    shown: list[str] = []
    for previous, i in zip([None, *picked], picked, strict=False):
        if previous is not None and i > previous + 1:
            shown.append(" " * indent(lines[i]) + GAP)
        shown.append(lines[i])
    return "\n".join(shown)
