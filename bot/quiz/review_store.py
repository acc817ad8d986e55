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
    """FSRS state of one member on one prompt: `card_json` is `fsrs.Card.to_json()`; `due` is UTC.

    `lapses` counts the member's wrong answers to it, `last_correct` is the last verdict (None: unknown, stored
    before verdicts were kept), and `leech` marks a prompt failed so often that it is set aside from reviews until
    the member chooses to study it again.
    """

    member: MemberKey
    prompt_id: str
    card_json: str
    due: datetime
    topic: str
    lapses: int = 0
    last_correct: bool | None = None
    leech: bool = False


class ReviewStore(Protocol):
    async def get(self, member: MemberKey, prompt_id: str) -> ReviewState | None:
        """The state of one prompt for one member, if the member has seen it."""
        ...

    async def put(self, state: ReviewState) -> None:
        """Insert or replace the state of (state.member, state.prompt_id)."""
        ...

    async def due_ids(self, member: MemberKey, now: datetime, topic: str | None = None) -> list[str]:
        """Ids of the member's prompts due at or before `now` and not set aside as leeches, most overdue first,
        optionally within one topic (one query; the caller drops prompts no longer in the notes)."""
        ...

    async def seen(self, member: MemberKey) -> set[str]:
        """Ids of every prompt the member has a state for."""
        ...

    async def states(self, member: MemberKey) -> list[ReviewState]:
        """Every state of the member, in one query (the evidence mastery is computed from)."""
        ...

    async def leeches(self, member: MemberKey) -> list[ReviewState]:
        """The member's prompts set aside as leeches, most recently due first."""
        ...


class InMemoryReviewStore:
    """A ReviewStore in a dict: for the terminal tutor's tests and for pure-quiz tests."""

    def __init__(self) -> None:
        self._states: dict[tuple[MemberKey, str], ReviewState] = {}

    async def get(self, member: MemberKey, prompt_id: str) -> ReviewState | None:
        return self._states.get((member, prompt_id))

    async def put(self, state: ReviewState) -> None:
        self._states[(state.member, state.prompt_id)] = state

    async def due_ids(self, member: MemberKey, now: datetime, topic: str | None = None) -> list[str]:
        due = [s for s in await self.states(member) if s.due <= now and not s.leech and topic in (None, s.topic)]
        return [s.prompt_id for s in sorted(due, key=lambda s: (s.due, s.prompt_id))]

    async def seen(self, member: MemberKey) -> set[str]:
        return {pid for (m, pid) in self._states if m == member}

    async def states(self, member: MemberKey) -> list[ReviewState]:
        return [s for (m, _), s in self._states.items() if m == member]

    async def leeches(self, member: MemberKey) -> list[ReviewState]:
        return sorted((s for s in await self.states(member) if s.leech), key=lambda s: (s.due, s.prompt_id))[::-1]
