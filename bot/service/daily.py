"""Rules of the daily quiz: when a server's post is due, and which prompt it gets."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.quiz.prompt import Prompt
from bot.storage.records import GuildSettings

BUTTON_KINDS = ("multiple_choice", "true_false")


def local_post_date(settings: GuildSettings, now: datetime) -> date | None:
    """Today's local date when the server's daily post time has come today, else None."""
    zone = ZoneInfo(settings.time_zone)
    local = now.astimezone(zone)
    hours, minutes = (int(part) for part in settings.post_time.split(":"))
    return local.date() if local.time() >= time(hours, minutes) else None


def reveal_time(settings: GuildSettings, now: datetime) -> datetime:
    return now + timedelta(minutes=settings.reveal_delay_minutes)


def daily_prompt(prompts: Sequence[Prompt], guild_id: int, day: date) -> Prompt:
    """A deterministic pick for (server, day), preferring prompts answered by buttons."""
    pool = [p for p in prompts if p.kind in BUTTON_KINDS] or list(prompts)
    digest = hashlib.sha256(f"{guild_id}:{day.isoformat()}".encode()).digest()
    return pool[int.from_bytes(digest[:8], "big") % len(pool)]
