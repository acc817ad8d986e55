"""The learned answerability decision: do the notes answer a question fully, partly (the subject but not the
thing asked) or not at all?

Three small logistic regressions over named coverage measures (bot/knowledge/coverage.py), trained when the index is
built on questions generated from the notes themselves (bot/knowledge/answer_training.py) and stored beside the
index as plain JSON (one weight per measure, so a decision can be read and explained):

- covered: do the retrieved passages cover the question's subject at all? (no: `none`)
- kind given: for a question asking for a quantity (a duration, a price, ...), does a line about the subject give
  one of that kind? (no: `partial`; questions asking for no quantity skip this stage)
- stated: is the thing asked itself stated about the subject, in one line, in words the notes use? (no:
  `partial`; "deploy a container app with copilot" when the notes never name copilot, "kinesis replication lag"
  when only another service's lines state a replication lag)

One rule stands beside them: a question naming something the notes never mention (`Coverage.unknown`: "GardenQL",
"Harbour Gateway"), or something none of the passages found mentions (`Coverage.elsewhere`: "GPU" asked, only
passages about other hardware found), is never answered in full, since the lines found are about something else; it is
`partial` at most, and the answer opens by naming what is not there.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from bot.errors import IndexCorrupt
from bot.knowledge.coverage import COVERED_FEATURES, KIND_FEATURES, STATED_FEATURES, Coverage
from bot.knowledge.logistic import Stage

ANSWER_MODEL_FILE = "answerability.json"


class CoverageOutcome(StrEnum):
    """How far the notes answer a question; the value is what `--json` output and evaluations print."""

    FULL = "full"  # the notes answer it
    PARTIAL = "partial"  # the notes cover its subject but not the thing asked
    NONE = "none"  # the notes do not cover it


@dataclass(frozen=True)
class Decision:
    """An outcome and the probability of each (0..1, summing to 1)."""

    outcome: CoverageOutcome
    probabilities: dict[CoverageOutcome, float]

    @property
    def confidence(self) -> float:
        """0..1: the probability that the notes answer the question fully."""
        return round(self.probabilities[CoverageOutcome.FULL], 3)


@dataclass(frozen=True)
class AnswerabilityModel:
    covered: Stage
    kind_given: Stage
    stated: Stage

    def decide(self, coverage: Coverage) -> Decision:
        covered = self.covered.probability_of(coverage.vector(self.covered.features))
        given = 1.0
        if coverage.unknown or coverage.elsewhere:
            given = 0.0  # lines about other things cannot answer for a name they do not use
        elif coverage.answer_type is not None:
            given = self.kind_given.probability_of(coverage.vector(self.kind_given.features))
        given = min(given, self.stated.probability_of(coverage.vector(self.stated.features)))
        probabilities = {
            CoverageOutcome.NONE: 1 - covered,
            CoverageOutcome.PARTIAL: covered * (1 - given),
            CoverageOutcome.FULL: covered * given,
        }
        outcome = (
            CoverageOutcome.NONE if covered < 0.5 else CoverageOutcome.PARTIAL if given < 0.5 else CoverageOutcome.FULL
        )
        return Decision(outcome, probabilities)

    @property
    def report(self) -> dict[str, float]:
        """Both stages' training figures, prefixed by stage."""
        return {
            **{f"covered_{k}": v for k, v in self.covered.report.items()},
            **{f"kind_{k}": v for k, v in self.kind_given.report.items()},
            **{f"stated_{k}": v for k, v in self.stated.report.items()},
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> AnswerabilityModel:
        """The model stored at `path`; raises IndexCorrupt when it is missing, unreadable or for other measures."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            model = cls(Stage.of(data["covered"]), Stage.of(data["kind_given"]), Stage.of(data["stated"]))
        except (OSError, ValueError, KeyError, TypeError) as error:
            problem = f"The answer model {path} is unreadable ({error}); run `tutorbot build-index`."
            raise IndexCorrupt(problem) from error
        features = (model.covered.features, model.kind_given.features, model.stated.features)
        if features != (COVERED_FEATURES, KIND_FEATURES, STATED_FEATURES):
            raise IndexCorrupt(f"The answer model {path} uses other measures; run `tutorbot build-index`.")
        return model
