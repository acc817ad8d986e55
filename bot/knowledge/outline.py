"""The nesting of a passage's lines: which earlier, less indented line each bullet sits under."""

from __future__ import annotations

from collections.abc import Sequence


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def parents(lines: Sequence[str]) -> list[int | None]:
    """For each line, the index of the nearest earlier non-blank line indented less (None at the top level)."""
    found: list[int | None] = []
    stack: list[int] = []  # indices of open ancestors, least indented first
    for i, line in enumerate(lines):
        if not line.strip():
            found.append(stack[-1] if stack else None)
            continue
        while stack and indent(lines[stack[-1]]) >= indent(line):
            stack.pop()
        found.append(stack[-1] if stack else None)
        stack.append(i)
    return found


def ancestors(lines: Sequence[str], index: int, parent_of: Sequence[int | None] | None = None) -> list[int]:
    """The chain of lines `index` sits under, outermost first."""
    parent_of = parent_of if parent_of is not None else parents(lines)
    chain: list[int] = []
    at = parent_of[index]
    while at is not None:
        chain.append(at)
        at = parent_of[at]
    return chain[::-1]
