"""The nesting of a passage's lines: which earlier line each line sits under, and which lines close a block.

Bullets sit under the nearest earlier, less indented line; a table's delimiter row sits under its header row and
every body row under the delimiter row (so a row always comes with its column names); a code line sits under its
block's opening fence (and, inside the block, under less indented code), and a closing fence under its opening one.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge.markdown import FENCE, is_table_rule


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def parents(lines: Sequence[str]) -> list[int | None]:
    """For each line, the index of the line it sits under (None at the top level)."""
    found: list[int | None] = []
    stack: list[int] = []  # indices of open ancestors, least indented first
    fence_at: int | None = None  # the stack depth of the open code block's fence
    rule: int | None = None  # the delimiter row of the table being read
    previous: int | None = None  # the last non-blank line
    for i, line in enumerate(lines):
        if not line.strip():
            found.append(stack[-1] if stack else None)
            continue
        floor = 0 if fence_at is None else fence_at + 1  # code never leaves its block
        if fence_at is not None and FENCE.match(line):
            del stack[fence_at + 1 :]
            found.append(stack[fence_at])
            fence_at = None
        elif fence_at is None and previous is not None and is_table_rule(line) and "|" in lines[previous]:
            found.append(previous)
            rule = i
        elif fence_at is None and rule is not None and "|" in line and not is_table_rule(line):
            found.append(rule)
        else:
            rule = None
            while len(stack) > floor and indent(lines[stack[-1]]) >= indent(line):
                stack.pop()
            found.append(stack[-1] if stack else None)
            stack.append(i)
            if fence_at is None and FENCE.match(line):
                fence_at = len(stack) - 1
        previous = i
    return found


def closers(lines: Sequence[str]) -> dict[int, int]:
    """Each opening code fence's index mapped to the index of the fence that closes it (when the lines have it)."""
    found: dict[int, int] = {}
    opening: int | None = None
    for i, line in enumerate(lines):
        if FENCE.match(line):
            if opening is None:
                opening = i
            else:
                found[opening] = i
                opening = None
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
