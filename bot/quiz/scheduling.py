"""Spaced repetition per member and prompt: FSRS cards kept in a ReviewStore; time is always passed in.

*Due* has one definition (`ReviewScheduler.due`): a prompt still in the current notes, not set aside (a leech, or
suspended in the server), whose due time has passed. Reviews, quiz rounds and the count on /stats all use it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from bot.quiz.item import QuizItem, stable_hash
from bot.quiz.leeches import DEFAULT_LEECH_LAPSES, becomes_leech
from bot.quiz.mastery import ItemRecall, TopicMastery, topic_mastery
from bot.quiz.review_store import MemberKey, ReviewState, ReviewStore


def as_utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive datetime is taken to be UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class ReviewScheduler:
    """Which prompts a member should see next, and what a pass or a fail does to their schedule."""

    def __init__(
        self,
        store: ReviewStore,
        fsrs: Scheduler | None = None,
        seed: int = 0,
        leech_lapses: int = DEFAULT_LEECH_LAPSES,
    ) -> None:
        self.store = store
        self.fsrs = fsrs or Scheduler(enable_fuzzing=False)
        self.seed = seed
        self.leech_lapses = leech_lapses
        self._by_retention: dict[float, Scheduler] = {}

    async def record(
        self, member: MemberKey, prompt: QuizItem, correct: bool, now: datetime, retention: float | None = None
    ) -> ReviewState:
        """Review the member's card for `prompt` (Good on a pass, Again on a fail) and store it."""
        reviewed = await self.review(member, prompt, correct, now, retention)
        await self.store.put(reviewed)
        return reviewed

    async def review(
        self, member: MemberKey, prompt: QuizItem, correct: bool, now: datetime, retention: float | None = None
    ) -> ReviewState:
        """The member's next state for `prompt` after a pass or a fail, not yet stored: a fail adds a lapse, and
        the lapse that makes it a leech (`bot.quiz.leeches.becomes_leech`) sets it aside. `retention`: the chance
        of recall the next interval aims at (None: the scheduler's own, FSRS's 90%)."""
        return self.next_state(member, prompt, await self.store.get(member, prompt.id), correct, now, retention)

    def next_state(
        self,
        member: MemberKey,
        prompt: QuizItem,
        state: ReviewState | None,
        correct: bool,
        now: datetime,
        retention: float | None = None,
    ) -> ReviewState:
        """`review` from the stored `state` (None: never seen) without reading the store: pure, so it can run
        inside the transaction that stores its result."""
        now = as_utc(now)
        card = Card.from_json(state.card_json) if state else Card(card_id=stable_hash(prompt.id), due=now)
        card, _ = self._fsrs_for(retention).review_card(card, Rating.Good if correct else Rating.Again, now)
        lapses = (state.lapses if state else 0) + (not correct)
        leech = (state is not None and state.leech) or (not correct and becomes_leech(lapses, self.leech_lapses))
        return ReviewState(member, prompt.id, card.to_json(), as_utc(card.due), prompt.topic, lapses, correct, leech)

    def _fsrs_for(self, retention: float | None) -> Scheduler:
        """The FSRS scheduler aiming at `retention` (one per value, kept)."""
        if retention is None or retention == self.fsrs.desired_retention:
            return self.fsrs
        if retention not in self._by_retention:
            self._by_retention[retention] = Scheduler(
                self.fsrs.parameters, retention, enable_fuzzing=self.fsrs.enable_fuzzing
            )
        return self._by_retention[retention]

    async def study_again(self, member: MemberKey, prompt_id: str) -> bool:
        """Bring a leech back into the member's reviews; False when it was not set aside."""
        state = await self.store.get(member, prompt_id)
        if state is None or not state.leech:
            return False
        await self.store.put(replace(state, leech=False))
        return True

    async def due(
        self,
        member: MemberKey,
        prompts: Mapping[str, QuizItem],
        now: datetime,
        topic: str | None = None,
        set_aside: Collection[str] = (),
    ) -> list[QuizItem]:
        """Every prompt due for the member, most overdue first: still in `prompts` (the current notes, by id), not
        a leech, not in `set_aside` (e.g. suspended in the server), due at or before `now`; one store query."""
        ids = await self.store.due_ids(member, as_utc(now), topic)
        return [prompts[i] for i in ids if i in prompts and i not in set_aside]

    async def next_prompts(
        self,
        member: MemberKey,
        prompts: Sequence[QuizItem],
        now: datetime,
        n: int,
        topic: str | None = None,
        set_aside: Collection[str] = (),
    ) -> list[QuizItem]:
        """Up to `n` prompts: due reviews first (most overdue first), then new ones taken in turn from each topic;
        none of `set_aside`."""
        if n <= 0:
            return []
        by_id = {p.id: p for p in prompts if (topic is None or p.topic == topic) and p.id not in set_aside}
        chosen = (await self.due(member, by_id, now, topic))[:n]
        seen = await self.store.seen(member)
        fresh = [p for p in by_id.values() if p.id not in seen]
        return chosen + self._spread_over_topics(fresh)[: n - len(chosen)]

    def _spread_over_topics(self, prompts: Sequence[QuizItem]) -> list[QuizItem]:
        """Notes order within a topic; topics taken in turn, in an order fixed by the seed."""
        queues: dict[str, list[QuizItem]] = defaultdict(list)
        for prompt in prompts:
            queues[prompt.topic].append(prompt)
        topics = sorted(queues)
        random.Random(self.seed).shuffle(topics)
        spread: list[QuizItem] = []
        for turn in range(max((len(q) for q in queues.values()), default=0)):
            spread.extend(queues[t][turn] for t in topics if turn < len(queues[t]))
        return spread

    async def mastery(self, member: MemberKey, prompts: Sequence[QuizItem]) -> tuple[TopicMastery, ...]:
        """The member's mastery of each topic of `prompts` (in their order), from their states in one query
        (`bot.quiz.mastery.topic_mastery`); states of prompts no longer in the notes are ignored."""
        return mastery_of(await self.store.states(member), prompts)


def mastery_of(states: Iterable[ReviewState], prompts: Sequence[QuizItem]) -> tuple[TopicMastery, ...]:
    """Mastery of each topic of `prompts` (in their order) from one member's review `states`
    (`bot.quiz.mastery.topic_mastery`); states of prompts no longer in `prompts` are ignored."""
    by_id = {p.id: p for p in prompts}
    recalls = [
        ItemRecall(by_id[s.prompt_id].topic, Card.from_json(s.card_json).stability or 0.0, s.last_correct is True)
        for s in states
        if s.prompt_id in by_id
    ]
    sizes: dict[str, int] = {}
    for prompt in prompts:
        sizes[prompt.topic] = sizes.get(prompt.topic, 0) + 1
    return topic_mastery(sizes, recalls)
