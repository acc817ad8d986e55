"""Answer kinds, bullet nesting and the learned answerability stages' plumbing (no embedding model needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.errors import IndexCorrupt
from bot.knowledge.answer_types import asked_type, gives
from bot.knowledge.answerability import AnswerabilityModel
from bot.knowledge.coverage import COVERED_FEATURES, KIND_FEATURES, STATED_FEATURES, Coverage, what_is_missing
from bot.knowledge.logistic import fit_stage
from bot.knowledge.outline import ancestors, parents


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How long may a rowing race last?", "duration"),
        ("What does a season ticket cost?", "price"),
        ("How big can an upload be?", "size"),
        ("How many players are on a side?", "count"),
        ("What is the maximum team size?", "maximum size"),
        ("What is the maximum number of substitutes?", "maximum count"),
        ("How long is a match by default?", "default duration"),
        ("What is the default kit colour?", "default"),
        ("What is the minimum age?", "minimum number"),
        ("What is the limit on substitutes?", "number"),
        ("What does offside mean?", None),
    ],
)
def test_the_kind_of_quantity_a_question_asks_for(question: str, kind: str | None):
    found = asked_type(question)
    assert (found.name if found else None) == kind


def test_a_line_gives_a_kind_only_with_a_quantity_of_that_kind():
    duration = asked_type("how long is the break?")
    price = asked_type("how much does it cost?")
    assert duration is not None and price is not None
    assert gives("- The half-time break lasts `15` minutes", duration)
    assert not gives("- The pitch is 105 m long", duration)
    assert gives("- Tickets are $40 per match", price)
    assert not gives("- Tickets sell out within 15 minutes", price)


def test_a_line_gives_the_default_maximum_or_minimum_only_when_it_says_which_value_it_gives():
    default = asked_type("what is the default length of the break?")
    longest = asked_type("what's the max break?")
    shortest = asked_type("how long is the break at least?")
    assert default is not None and longest is not None and shortest is not None
    assert gives("- The break lasts 15 minutes by default", default)
    assert not gives("- The break lasts between 10 and 20 minutes", default)
    assert gives("- The break lasts between 10 and 20 minutes", longest)
    assert gives("- The break can be up to 20 minutes", longest)
    assert not gives("- The break lasts 15 minutes by default", longest)
    assert gives("- The break lasts 10 to 20 minutes", shortest)
    assert not gives("- The break lasts 15 minutes", shortest)
    assert longest.label == "the maximum figure" and default.label == "the default"


def test_bullets_know_their_parents():
    lines = ["- Rules:", "  - Two halves", "    - 45 minutes each", "  - Eleven players", "- Equipment"]
    assert parents(lines) == [None, 0, 1, 0, None]
    assert ancestors(lines, 2) == [0, 1]


def _coverage(**changes: object) -> Coverage:
    base = dict(
        dense=0.6,
        coverage=0.8,
        top_cover=0.8,
        line_cover=0.8,
        typed_cover=0.8,
        unknown=(),
        strange=(),
        elsewhere=(),
        answer_type=None,
        subject=("rowing", "race"),
        missing=(),
    )
    return Coverage(**{**base, **changes})  # type: ignore[arg-type]


def test_what_is_missing_names_unknown_terms_then_the_quantity_then_words():
    assert what_is_missing(_coverage(unknown=("Curling",))) == "The notes never mention Curling"
    duration = asked_type("how long?")
    lacking = _coverage(answer_type=duration, typed_cover=0.2)
    assert what_is_missing(lacking) == "The notes don't give a duration for rowing race"
    assert what_is_missing(_coverage(missing=("umpire",))) == "The notes say nothing about umpire"
    strange = _coverage(strange=("zzyzx",), missing=("quick", "sculling", "zzyzx", "boat", "coxswain"))
    assert what_is_missing(strange) == "The notes say nothing about sculling, zzyzx, coxswain"  # the rarest three


def test_a_stage_fits_reports_cross_validation_and_the_model_round_trips(tmp_path: Path):
    rng = np.random.default_rng(0)
    answers = [bool(i % 2) for i in range(60)]
    rows = [rng.normal(size=len(COVERED_FEATURES)) + 2 * yes for yes in answers]  # separable on every measure
    covered = fit_stage(COVERED_FEATURES, rows, answers)
    assert covered.report["cv_accuracy"] > 0.8 and covered.report["examples_yes"] == 30
    kind = fit_stage(KIND_FEATURES, [np.array([v, 1 - v]) for v in np.linspace(0, 1, 20)], [i >= 10 for i in range(20)])
    stated = fit_stage(STATED_FEATURES, [np.array([v]) for v in np.linspace(0, 1, 20)], [i < 10 for i in range(20)])
    model = AnswerabilityModel(covered, kind, stated)
    model.save(tmp_path / "m.json")
    assert AnswerabilityModel.load(tmp_path / "m.json") == model
    strong = dict(dense=9.0, coverage=9.0, top_cover=9.0, line_cover=1.0, typed_cover=1.0)
    assert model.decide(_coverage(**strong)).outcome == "full"
    lacking = model.decide(_coverage(**{**strong, "typed_cover": 0.0}, answer_type=asked_type("how long?")))
    assert lacking.outcome == "partial" and lacking.probabilities["partial"] > 0.5
    assert model.decide(_coverage(dense=-9.0, coverage=-9.0, top_cover=-9.0)).outcome == "none"
    assert model.decide(_coverage(**strong, strange=("zzyzx",))).outcome == "partial"  # wordfreq never saw it


def test_a_stage_with_examples_of_one_answer_only_always_gives_it():
    stage = fit_stage(KIND_FEATURES, [np.zeros(2)] * 3, [True] * 3)
    assert stage.probability_of(_coverage().vector(KIND_FEATURES)) > 0.99 and "cv_accuracy" not in stage.report


def test_a_damaged_model_file_is_reported(tmp_path: Path):
    (tmp_path / "m.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="build-index"):
        AnswerabilityModel.load(tmp_path / "m.json")
