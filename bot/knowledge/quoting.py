"""Quoting some lines of a passage faithfully: every gap marked with "…", every bullet kept under its parent,
every table row under its column names, every line of code inside its fences."""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge.markdown import is_table_rule
from bot.knowledge.outline import ancestors, closers, indent, parents

GAP = "…"


def pick_lines(lines: Sequence[str], scores: Sequence[float], budget: int) -> list[int]:
    """Indices of the best-scoring lines (with the bullets they sit under) that fit in `budget` characters.

    Lines are taken best first; a line scoring nothing is taken only when nothing else was. Each line brings the
    chain of lines it sits under (less indented lines, a table's header and delimiter rows, the opening fence) and
    the fence closing its code block, so a sub-bullet is never shown under another parent nor a row without its
    columns' names.
    """
    parent_of = parents(lines)
    closing = closers(lines)
    picked: set[int] = set()
    for i in sorted(range(len(lines)), key=lambda i: (-scores[i], i)):
        if scores[i] <= 0 and picked:
            break
        chain = [*ancestors(lines, i, parent_of), i]
        grown = picked.union(chain, (closing[a] for a in chain if a in closing))
        if picked and len(quote(lines, sorted(grown))) > budget:  # the gap marks count too
            continue
        picked = grown
    return sorted(picked)


def quote(lines: Sequence[str], picked: Sequence[int]) -> str:
    """The picked lines in order, with a "…" line (indented like the line after it) wherever lines were left out;
    between two table rows the gap is a row of its own (`| … |`), so the table stays one table."""
    parent_of = parents(lines)
    shown: list[str] = []
    for previous, i in zip([None, *picked], picked, strict=False):
        if previous is not None and i > previous + 1:
            parent = parent_of[i]
            row = parent is not None and is_table_rule(lines[parent])
            shown.append(f"| {GAP} |" if row else " " * indent(lines[i]) + GAP)
        shown.append(lines[i])
    return "\n".join(shown)
