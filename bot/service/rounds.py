"""Quiz rounds in progress: which prompts a member was given and how they did (kept in memory).

Every answer is stored as it is graded, so a restart loses only the round's unanswered rest.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from bot.quiz.item import QuizItem
from bot.storage.models import ROUND_ID_LENGTH

MAX_OPEN_ROUNDS = 10_000

# How many questions a round asks, the same in every front end (a member may ask for 1 to MAX_ROUND_LENGTH).
QUIZ_ROUND_LENGTH = 5  # a quiz round: due reviews first, then new questions
REVIEW_ROUND_LENGTH = 20  # a review round: only due questions
DRILL_ROUND_LENGTH = 10  # a drill on the member's weak spots
TOPIC_ROUND_LENGTH = 3  # a short round on the topic of a passage just read ("Quiz me on this topic")
MAX_ROUND_LENGTH = 20


def round_length(asked: int | None, default: int) -> int:
    """The number of questions of a round: `asked` kept within 1 to MAX_ROUND_LENGTH, else `default`."""
    return default if asked is None else max(1, min(MAX_ROUND_LENGTH, asked))


@dataclass
class OpenRound:
    guild_id: int
    user_id: int
    prompts: tuple[QuizItem, ...]
    review: bool
    answered: dict[str, bool] = field(default_factory=dict)
    points: int = 0


class RoundBook:
    """Open rounds by id; the oldest are forgotten past MAX_OPEN_ROUNDS."""

    def __init__(self) -> None:
        self._rounds: dict[str, OpenRound] = {}

    def open(self, guild_id: int, user_id: int, prompts: tuple[QuizItem, ...], review: bool) -> str:
        round_id = uuid.uuid4().hex[:ROUND_ID_LENGTH]
        self._rounds[round_id] = OpenRound(guild_id, user_id, prompts, review)
        while len(self._rounds) > MAX_OPEN_ROUNDS:
            self._rounds.pop(next(iter(self._rounds)))
        return round_id

    def get(self, round_id: str | None, guild_id: int, user_id: int) -> OpenRound | None:
        """The round if it exists and belongs to this member."""
        found = self._rounds.get(round_id or "")
        if found is None or (found.guild_id, found.user_id) != (guild_id, user_id):
            return None
        return found

    def close(self, round_id: str) -> OpenRound | None:
        return self._rounds.pop(round_id, None)
