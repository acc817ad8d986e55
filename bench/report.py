"""Result tables: each figure printed beside the baseline measured in the same run and the target it answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    baseline: str = ""
    target: str = ""
    met: bool | None = None

    def cells(self) -> list[str]:
        verdict = "" if self.met is None else ("yes" if self.met else "**no**")
        return [self.measure, self.value, self.baseline, self.target, verdict]


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, measure: str, value: str, baseline: str = "", target: str = "", met: bool | None = None) -> None:
        self.rows.append(Row(measure, value, baseline, target, met))

    def note(self, text: str) -> None:
        self.notes.append(text)

    def markdown(self) -> str:
        header = ["measure", "value", "baseline", "target", "met"]
        lines = [f"### {self.title}", "", _line(header), _line(["---"] * len(header))]
        lines += [_line(row.cells()) for row in self.rows]
        lines += [""] + [f"- {note}" for note in self.notes]
        return "\n".join(lines) + "\n"


def _line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


def ratio(value: float, baseline: float) -> float:
    return value / baseline if baseline > 0 else float("inf")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]
