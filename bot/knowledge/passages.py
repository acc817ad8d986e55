"""Passages shown for a hit: the scored chunk packed with its neighbours from the same section.

Small chunks score sharply; members (and the answer composer) read better with the section around them. Sibling
chunks are added, nearest first, while the passage stays within PASSAGE_LIMIT characters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from bot.knowledge.chunking import Chunk

PASSAGE_LIMIT = 1500


class PassagePacker:
    """Packs each chunk with its same-section siblings (same file and heading path) up to a size limit."""

    def __init__(self, chunks: Sequence[Chunk], limit: int = PASSAGE_LIMIT) -> None:
        self.chunks = chunks
        self.limit = limit
        sections: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
        for row, chunk in enumerate(chunks):
            sections[(chunk.source, chunk.heading_path)].append(row)
        self._siblings: dict[int, tuple[int, ...]] = {}  # tuples: the collector stops tracking tuples of ints
        for rows in sections.values():
            self._siblings.update(dict.fromkeys(rows, tuple(rows)))

    def rows_around(self, row: int) -> list[int]:
        """The rows of the passage around `row`, in notes order."""
        siblings = self._siblings[row]
        at = siblings.index(row)
        low, high = at, at + 1
        size = len(self.chunks[row].text)
        grown = True
        while grown:
            grown = False
            for candidate in (high, low - 1):  # the next sibling first, then the previous one
                if 0 <= candidate < len(siblings) and not low <= candidate < high:
                    extra = len(self.chunks[siblings[candidate]].text) + 1
                    if size + extra <= self.limit:
                        size += extra
                        low, high = min(low, candidate), max(high, candidate + 1)
                        grown = True
        return list(siblings[low:high])

    def passage(self, row: int) -> tuple[Chunk, list[int]]:
        """The packed passage for `row` (keeping that chunk's id) and the rows it covers."""
        rows = self.rows_around(row)
        if len(rows) == 1:
            return self.chunks[row], rows
        parts = [self.chunks[r] for r in rows]
        text, added = joined(parts)
        merged = replace(
            self.chunks[row],
            start_line=parts[0].start_line,
            end_line=parts[-1].end_line,
            text=text,
            images=tuple(dict.fromkeys(url for p in parts for url in p.images)),
            added_lines=added,
            pages=pages_over(parts),
        )
        return merged, rows


def pages_over(parts: Sequence[Chunk]) -> tuple[int, ...]:
    """(first page, last page) over the parts of a passage from a paged original, else ()."""
    pages = [page for p in parts for page in p.pages]
    return (min(pages), max(pages)) if pages else ()


def joined(parts: Sequence[Chunk]) -> tuple[str, tuple[int, ...]]:
    """Consecutive chunks' texts as one text, and the indices of its lines that are not in the notes.

    Where a split table or code block continues from one part into the next, the lines the split added at that
    seam (the closing fence, the repeated header or reopening fence) are left out, so the block is whole again.
    """
    lines: list[str] = []
    added: list[int] = []
    for j, part in enumerate(parts):
        part_lines = part.text.split("\n")
        keep = range(len(part_lines))
        continued = j > 0 and _run(part.added_lines, keep) > 0
        if continued:
            keep = keep[_run(part.added_lines, keep) :]
        if j < len(parts) - 1:
            keep = keep[: len(keep) - _run(part.added_lines, keep[::-1])]
        if lines and not continued and (_is_table_line(lines[-1]) or _is_table_line(part_lines[0])):
            lines.append("")  # a blank line between a table and the text beside it ends the table
        for i in keep:
            if i in part.added_lines:
                added.append(len(lines))
            lines.append(part_lines[i])
    return "\n".join(lines), tuple(added)


def _is_table_line(line: str) -> bool:
    return line.lstrip().startswith("|")


def _run(added: Sequence[int], order: Sequence[int]) -> int:
    """How many of `order` (line indices) from its start are added lines."""
    count = 0
    while count < len(order) and order[count] in added:
        count += 1
    return count
