"""The short memory that lets a member ask a follow-up: each member's last question per channel, for a few minutes.

Bounded: at most `capacity` conversations (the least recently used is forgotten first), each kept `ttl` after its
last question and dropped as soon as it is found stale. Nothing else is kept: only the question as it was searched.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock

FOLLOW_UP_WINDOW = timedelta(minutes=5)
MAX_CONVERSATIONS = 2048


@dataclass(frozen=True)
class Conversation:
    """Where a member asks: guild 0 for direct messages and the terminal; channel 0 when there is only one."""

    guild_id: int
    channel_id: int
    user_id: int


class RecentQuestions:
    """An LRU map of conversation → (last question, when), entries older than `ttl` never returned."""

    def __init__(self, clock: Clock, ttl: timedelta = FOLLOW_UP_WINDOW, capacity: int = MAX_CONVERSATIONS) -> None:
        self.clock = clock
        self.ttl = ttl
        self.capacity = capacity
        self._last: OrderedDict[Conversation, tuple[str, datetime]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._last)

    def previous(self, where: Conversation) -> str | None:
        """The member's last question here if it was asked within `ttl`, else None (and it is forgotten)."""
        entry = self._last.get(where)
        if entry is None:
            return None
        question, asked = entry
        if self.clock.now() - asked > self.ttl:
            del self._last[where]
            return None
        return question

    def remember(self, where: Conversation, question: str) -> None:
        """Keep `question` as the member's last one here, forgetting stale and least recently used entries."""
        now = self.clock.now()
        self._last[where] = (question, now)
        self._last.move_to_end(where)
        while self._last:
            oldest, (_, asked) = next(iter(self._last.items()))
            if len(self._last) <= self.capacity and now - asked <= self.ttl:
                break
            del self._last[oldest]
