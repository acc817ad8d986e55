"""Spaced repetition per member and prompt: FSRS cards kept in a ReviewStore; time is always passed in."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from bot.quiz.prompt import Prompt, stable_hash
from bot.quiz.review_store import MemberKey, ReviewState, ReviewStore

ALL_DUE = 1_000_000  # a limit past any member's number of reviews


def as_utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive datetime is taken to be UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class ReviewScheduler:
    """Which prompts a member should see next, and what a pass or a fail does to their schedule."""

    def __init__(self, store: ReviewStore, fsrs: Scheduler | None = None, seed: int = 0) -> None:
        self.store = store
        self.fsrs = fsrs or Scheduler(enable_fuzzing=False)
        self.seed = seed

    async def record(self, member: MemberKey, prompt: Prompt, correct: bool, now: datetime) -> ReviewState:
        """Review the member's card for `prompt` (Good on a pass, Again on a fail) and store it."""
        reviewed = await self.review(member, prompt, correct, now)
        await self.store.put(reviewed)
        return reviewed

    async def review(self, member: MemberKey, prompt: Prompt, correct: bool, now: datetime) -> ReviewState:
        """The member's next state for `prompt` after a pass or a fail, not yet stored."""
        now = as_utc(now)
        state = await self.store.get(member, prompt.id)
        card = Card.from_json(state.card_json) if state else Card(card_id=stable_hash(prompt.id), due=now)
        card, _ = self.fsrs.review_card(card, Rating.Good if correct else Rating.Again, now)
        return ReviewState(member, prompt.id, card.to_json(), as_utc(card.due), prompt.topic)

    async def next_prompts(
        self, member: MemberKey, prompts: Sequence[Prompt], now: datetime, n: int, topic: str | None = None
    ) -> list[Prompt]:
        """Up to `n` prompts: due reviews first (most overdue first), then new ones taken in turn from each topic."""
        if n <= 0:
            return []
        by_id = {p.id: p for p in prompts if topic is None or p.topic == topic}
        seen = await self.store.seen(member)
        stale = len(seen - by_id.keys())  # states of prompts no longer in the notes may come back from `due`
        due = await self.store.due(member, as_utc(now), n + stale, topic)
        chosen = [by_id[s.prompt_id] for s in due if s.prompt_id in by_id][:n]
        fresh = [p for p in by_id.values() if p.id not in seen]
        return chosen + self._spread_over_topics(fresh)[: n - len(chosen)]

    def _spread_over_topics(self, prompts: Sequence[Prompt]) -> list[Prompt]:
        """Notes order within a topic; topics taken in turn, in an order fixed by the seed."""
        queues: dict[str, list[Prompt]] = defaultdict(list)
        for prompt in prompts:
            queues[prompt.topic].append(prompt)
        topics = sorted(queues)
        random.Random(self.seed).shuffle(topics)
        spread: list[Prompt] = []
        for turn in range(max((len(q) for q in queues.values()), default=0)):
            spread.extend(queues[t][turn] for t in topics if turn < len(queues[t]))
        return spread

    async def due_count(self, member: MemberKey, now: datetime) -> int:
        return len(await self.store.due(member, as_utc(now), ALL_DUE))

    async def retention(self, member: MemberKey, prompts: Sequence[Prompt], now: datetime) -> dict[str, float]:
        """Per topic, the mean chance of recalling the member's seen prompts now (0 for a topic not started)."""
        now = as_utc(now)
        seen = await self.store.seen(member)
        recall: dict[str, list[float]] = {p.topic: [] for p in prompts}
        for prompt in prompts:
            if prompt.id in seen:
                state = await self.store.get(member, prompt.id)
                if state is not None:
                    card = Card.from_json(state.card_json)
                    recall[prompt.topic].append(self.fsrs.get_card_retrievability(card, now))
        return {t: sum(values) / len(values) if values else 0.0 for t, values in recall.items()}
