"""Where each member's spaced-repetition state lives: the interface and an in-memory implementation.

The scheduler (bot/quiz/scheduling.py) only talks to a ReviewStore; bot/storage provides the database one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class MemberKey:
    """A member within a server; guild_id 0 is a direct message or the terminal tutor."""

    guild_id: int
    user_id: int


@dataclass(frozen=True)
class ReviewState:
    """FSRS state of one member on one prompt: `card_json` is `fsrs.Card.to_json()`; `due` is UTC."""

    member: MemberKey
    prompt_id: str
    card_json: str
    due: datetime
    topic: str


class ReviewStore(Protocol):
    async def get(self, member: MemberKey, prompt_id: str) -> ReviewState | None:
        """The state of one prompt for one member, if the member has seen it."""
        ...

    async def put(self, state: ReviewState) -> None:
        """Insert or replace the state of (state.member, state.prompt_id)."""
        ...

    async def due(self, member: MemberKey, now: datetime, limit: int, topic: str | None = None) -> list[ReviewState]:
        """States due at or before `now`, most overdue first, optionally within one topic."""
        ...

    async def seen(self, member: MemberKey) -> set[str]:
        """Ids of every prompt the member has a state for."""
        ...


class InMemoryReviewStore:
    """A ReviewStore in a dict: for the terminal tutor's tests and for pure-quiz tests."""

    def __init__(self) -> None:
        self._states: dict[tuple[MemberKey, str], ReviewState] = {}

    async def get(self, member: MemberKey, prompt_id: str) -> ReviewState | None:
        return self._states.get((member, prompt_id))

    async def put(self, state: ReviewState) -> None:
        self._states[(state.member, state.prompt_id)] = state

    async def due(self, member: MemberKey, now: datetime, limit: int, topic: str | None = None) -> list[ReviewState]:
        states = [
            s
            for (m, _), s in self._states.items()
            if m == member and s.due <= now and (topic is None or s.topic == topic)
        ]
        return sorted(states, key=lambda s: (s.due, s.prompt_id))[:limit]

    async def seen(self, member: MemberKey) -> set[str]:
        return {pid for (m, pid) in self._states if m == member}
