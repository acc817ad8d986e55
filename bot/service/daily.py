"""Rules of the daily quiz: when a server's post is due, which prompt it gets, how long a claim holds and how
failed attempts back off."""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.quiz.item import ItemKind, QuizItem, stable_hash
from bot.storage.records import DailyPost, GuildSettings

BUTTON_KINDS = (
    ItemKind.MULTIPLE_CHOICE,
    ItemKind.TRUE_FALSE,
    ItemKind.COMPARISON,
)  # the daily pool: answered by one click
REPEAT_GAP = timedelta(days=90)  # a server is not asked the same daily prompt again within this (pool allowing)
TOPIC_MEMORY = 3  # the daily pick avoids the top-level topics of the server's latest posts, this many
CLAIM_LEASE = timedelta(minutes=2)  # a claimed step (send the post, send the reveal) not done by then is free again
# After the n-th failed attempt at a step, wait RETRY_DELAYS[n - 1]; the attempt after the last delay is the last:
# if it fails too, the step is given up for the day (a few requests a day for a channel that refuses the bot).
RETRY_DELAYS = (timedelta(minutes=2), timedelta(minutes=10), timedelta(minutes=30))
POSTS_KEPT = 1024  # recent daily posts whose server and prompt a process keeps (a few hundred bytes each)
DAILY_GONE = "That daily quiz no longer exists."
DAILY_CLOSED = "This daily quiz is closed; the answer has been revealed."


class PostedItems:
    """The server and prompt of recent daily posts, by post id: both are fixed when a post is claimed (a retaken
    claim keeps them), so a rush of answers reads each post once per process, not once per answer: answers asking
    while it is read share that one read. Whether the post still takes answers is checked in each answer's own
    transaction. Bounded: least recently used go first."""

    def __init__(self, size: int = POSTS_KEPT) -> None:
        self._size = size
        self._posts: OrderedDict[int, tuple[int, QuizItem]] = OrderedDict()
        self._reading: dict[int, asyncio.Future[tuple[int, QuizItem]]] = {}

    async def read(self, post_id: int, load: Callable[[], Awaitable[tuple[int, QuizItem]]]) -> tuple[int, QuizItem]:
        """(guild id, prompt as posted) of the post: kept from before, else `load`ed once however many ask
        meanwhile (its error raised to each of them; nothing kept then)."""
        found = self._posts.get(post_id)
        if found is not None:
            self._posts.move_to_end(post_id)
            return found
        reading = self._reading.get(post_id)
        if reading is None:
            reading = asyncio.ensure_future(load())
            self._reading[post_id] = reading
            reading.add_done_callback(lambda done: self._settle(post_id, done))
        return await asyncio.shield(reading)  # one asker giving up does not stop the read for the others

    def _settle(self, post_id: int, done: asyncio.Future[tuple[int, QuizItem]]) -> None:
        del self._reading[post_id]
        if done.cancelled() or done.exception() is not None:
            return
        self._posts[post_id] = done.result()
        while len(self._posts) > self._size:
            self._posts.popitem(last=False)


def retry_delay(failures: int) -> timedelta | None:
    """How long to wait after `failures` failed attempts at a step; None: give the step up for the day."""
    return RETRY_DELAYS[failures - 1] if 1 <= failures <= len(RETRY_DELAYS) else None


def prompt_snapshot(prompt: QuizItem) -> str:
    """The prompt as JSON, stored with the post so a notes rebuild cannot change or lose it."""
    return json.dumps(prompt.as_dict(), ensure_ascii=False)


def prompt_from_snapshot(snapshot: str) -> QuizItem:
    return QuizItem.from_dict(json.loads(snapshot))


def local_post_date(settings: GuildSettings, now: datetime) -> date | None:
    """Today's local date when the server's daily post time has come today, else None."""
    zone = ZoneInfo(settings.time_zone)
    local = now.astimezone(zone)
    hours, minutes = (int(part) for part in settings.post_time.split(":"))
    return local.date() if local.time() >= time(hours, minutes) else None


def reveal_time(settings: GuildSettings, now: datetime) -> datetime:
    return now + timedelta(minutes=settings.reveal_delay_minutes)


def daily_prompt(
    prompts: Sequence[QuizItem], guild_id: int, day: date, last_asked: Mapping[str, date], recent_topics: Sequence[str]
) -> QuizItem:
    """The server's prompt for `day`, from what it asked before (`last_asked`: prompt id → local date;
    `recent_topics`: the top-level topics of its latest posts, newest first).

    Only prompts answered by buttons are picked while there are any. Never asked first, then the one asked longest
    ago, so a prompt comes back only once the whole pool was asked; among equals the best (`quality`) first, ties
    in an order of the server's own. A prompt asked within `REPEAT_GAP` days is picked only when no other is left
    (a pool smaller than that: the oldest again). The first candidate whose topic is not among the latest posts'
    wins; when every candidate shares one, the oldest recent topic is let go first, then the next. Deterministic:
    the same history gives the same pick, in any process; the caller stores the pick with the post.
    ValueError when `prompts` is empty.
    """
    pool = [p for p in prompts if p.kind in BUTTON_KINDS] or list(prompts)
    ranked = sorted(pool, key=lambda p: (last_asked.get(p.id, date.min), -p.quality, stable_hash(f"{guild_id}:{p.id}")))
    rested = [p for p in ranked if day - last_asked.get(p.id, date.min) >= REPEAT_GAP] or ranked
    for kept in range(len(recent_topics), -1, -1):
        avoided = set(recent_topics[:kept])
        pick = next((p for p in rested if p.topic not in avoided), None)
        if pick is not None:
            return pick
    raise ValueError("no prompts to pick from")


def posted_topic(post: DailyPost, prompts: Mapping[str, QuizItem]) -> str | None:
    """The top-level topic a post asked about: from its stored prompt, else the current notes' (None: unknown)."""
    if post.prompt_json:
        return prompt_from_snapshot(post.prompt_json).topic
    known = prompts.get(post.prompt_id)
    return None if known is None else known.topic
