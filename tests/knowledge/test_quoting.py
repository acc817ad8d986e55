"""Quotes mark every gap with "…", keep each bullet under its own parent, and name the file when there are several."""

from __future__ import annotations

from bot.knowledge.answering import Citation
from bot.knowledge.quoting import pick_lines, quote

GARDEN = [
    "- Watering:",
    "  - Tomatoes need water daily in summer",
    "  - Cacti need water monthly",
    "- Pruning:",
    "  - Roses are pruned in late winter",
    "  - Apple trees are pruned when dormant",
    "- Harvest:",
    "  - Potatoes are lifted when the leaves die back",
]


def test_a_picked_sub_bullet_brings_its_parent_and_gaps_are_marked():
    scores = [0, 0, 0, 0, 0, 5.0, 0, 0]  # only "Apple trees ..." bears on the question
    picked = pick_lines(GARDEN, scores, budget=500)
    assert picked == [3, 5]
    assert quote(GARDEN, picked) == "- Pruning:\n  …\n  - Apple trees are pruned when dormant"


def test_lines_under_different_parents_are_never_shown_under_one():
    scores = [0, 3.0, 0, 0, 0, 0, 0, 2.0]
    shown = quote(GARDEN, pick_lines(GARDEN, scores, budget=500)).split("\n")
    assert shown == [
        "- Watering:",
        "  - Tomatoes need water daily in summer",
        "…",
        "- Harvest:",
        "  - Potatoes are lifted when the leaves die back",
    ]


def test_contiguous_lines_have_no_gap_mark():
    assert quote(GARDEN, [0, 1, 2]) == "\n".join(GARDEN[:3])


def test_the_budget_keeps_the_best_line_with_its_parent():
    scores = [0, 1.0, 0, 0, 0, 4.0, 0, 0]
    picked = pick_lines(GARDEN, scores, budget=len(GARDEN[3]) + len(GARDEN[5]) + 2)
    assert picked == [3, 5]


def test_citations_name_the_file_only_when_asked():
    one = Citation("notes/garden.md", ("Garden", "Pruning"), 4, 6)
    several = Citation("notes/garden.md", ("Garden", "Pruning"), 4, 6, file="garden.md")
    assert one.label == "Garden › Pruning, lines 4–6"
    assert several.label == "garden.md › Garden › Pruning, lines 4–6"
