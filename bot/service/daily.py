"""Rules of the daily quiz: when a server's post is due, which prompt it gets, how long a claim holds and how
failed attempts back off."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.quiz.prompt import Prompt
from bot.storage.records import GuildSettings

BUTTON_KINDS = ("multiple_choice", "true_false")
CLAIM_LEASE = timedelta(minutes=2)  # a claimed step (send the post, send the reveal) not done by then is free again
# After the n-th failed attempt at a step, wait RETRY_DELAYS[n - 1]; the attempt after the last delay is the last:
# if it fails too, the step is given up for the day (a few requests a day for a channel that refuses the bot).
RETRY_DELAYS = (timedelta(minutes=2), timedelta(minutes=10), timedelta(minutes=30))


def retry_delay(failures: int) -> timedelta | None:
    """How long to wait after `failures` failed attempts at a step; None: give the step up for the day."""
    return RETRY_DELAYS[failures - 1] if 1 <= failures <= len(RETRY_DELAYS) else None


def prompt_snapshot(prompt: Prompt) -> str:
    """The prompt as JSON, stored with the post so a notes rebuild cannot change or lose it."""
    return json.dumps(prompt.as_dict(), ensure_ascii=False)


def prompt_from_snapshot(snapshot: str) -> Prompt:
    return Prompt.from_dict(json.loads(snapshot))


def local_post_date(settings: GuildSettings, now: datetime) -> date | None:
    """Today's local date when the server's daily post time has come today, else None."""
    zone = ZoneInfo(settings.time_zone)
    local = now.astimezone(zone)
    hours, minutes = (int(part) for part in settings.post_time.split(":"))
    return local.date() if local.time() >= time(hours, minutes) else None


def reveal_time(settings: GuildSettings, now: datetime) -> datetime:
    return now + timedelta(minutes=settings.reveal_delay_minutes)


def daily_prompt(prompts: Sequence[Prompt], guild_id: int, day: date) -> Prompt:
    """A deterministic pick for (server, day), preferring prompts answered by buttons.

    The one place that decides the day's prompt: the caller stores the pick with the post.
    """
    pool = [p for p in prompts if p.kind in BUTTON_KINDS] or list(prompts)
    digest = hashlib.sha256(f"{guild_id}:{day.isoformat()}".encode()).digest()
    return pool[int.from_bytes(digest[:8], "big") % len(pool)]
