"""How well a member knows each topic, from the evidence of their answers: the one definition every front end shows.

A prompt is mastered by the share of a *target interval* its memory is expected to last: FSRS stability (the days
until the chance of recall falls to 90%) over TARGET_INTERVAL_DAYS, capped at 1 — but a prompt whose last answer
was wrong counts 0, however stable it was before. A topic's mastery is the mean over *all* its prompts (those never
answered count 0), so one lucky answer never reads as a mastered topic and a failed topic can never read 100%.

"Study next" is the weakest topic the member has started; topics never opened are not weak, just not started, and
are shown as such.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# A prompt counts as mastered once its memory is expected to last three weeks (Anki calls such a card "mature").
TARGET_INTERVAL_DAYS = 21.0


@dataclass(frozen=True)
class TopicMastery:
    """A top-level topic: its mastery (0..1), how many prompts it has and how many of them the member answered."""

    topic: str
    mastery: float
    prompts: int
    studied: int

    def __post_init__(self) -> None:
        if not 0 <= self.mastery <= 1:
            raise ValueError(f"mastery must be between 0 and 1, got {self.mastery} for {self.topic!r}")
        if not 0 <= self.studied <= self.prompts:
            raise ValueError(f"need 0 <= studied <= prompts, got {self.studied}/{self.prompts} for {self.topic!r}")


@dataclass(frozen=True)
class ItemRecall:
    """The evidence on one prompt the member has answered: its topic, FSRS stability (days) and the last verdict."""

    topic: str
    stability_days: float
    last_correct: bool


def prompt_mastery(recall: ItemRecall, target_days: float = TARGET_INTERVAL_DAYS) -> float:
    """0..1: 0 when the last answer was wrong, else stability as a share of `target_days` (capped at 1)."""
    if not recall.last_correct or recall.stability_days <= 0:
        return 0.0
    return min(1.0, recall.stability_days / target_days)


def topic_mastery(
    topic_sizes: Mapping[str, int], recalls: Iterable[ItemRecall], target_days: float = TARGET_INTERVAL_DAYS
) -> tuple[TopicMastery, ...]:
    """Per topic of `topic_sizes` (topic → how many prompts it has, in the order to keep): the mean prompt mastery
    over all its prompts (unanswered ones count 0) and how many the member has answered.

    Recalls of a topic not in `topic_sizes` are ignored; a topic never counts more answered prompts than it has.
    """
    shares: dict[str, list[float]] = defaultdict(list)
    for recall in recalls:
        if recall.topic in topic_sizes:
            shares[recall.topic].append(prompt_mastery(recall, target_days))
    result = []
    for topic, size in topic_sizes.items():
        studied = shares[topic][:size]
        result.append(TopicMastery(topic, sum(studied) / size if size else 0.0, size, len(studied)))
    return tuple(result)


def study_next(topics: Sequence[TopicMastery]) -> str | None:
    """The started topic with the lowest mastery (ties: fewer answered, then by name); None if none is started."""
    started = [t for t in topics if t.studied]
    if not started:
        return None
    return min(started, key=lambda t: (t.mastery, t.studied, t.topic.casefold())).topic
