"""The daily pick: a simulated year of posts on the default notes, and the rules on small hand-made pools."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.quiz.item import TRUE_FALSE, QuizItem, answer_options
from bot.service.daily import BUTTON_KINDS, REPEAT_GAP, daily_prompt
from bot.service.library import NotesLibrary
from bot.service.types import DailyQuiz, Who
from bot.settings import Settings
from bot.storage import Database
from bot.tutor import Tutor

SERVERS = (1001, 2002, 3003)
YEAR = 365


def managers() -> list[Who]:
    return [Who(guild, 99, "mod", is_manager=True) for guild in SERVERS]


async def claim_today(shards: list[Tutor], day: int) -> list[DailyQuiz]:
    """Every due server's post of the day, claimed by one of the shard processes (taking turns). A claimed post
    counts as asked whether or not its message is recorded (`tests/storage/test_daily.py`), so the simulation
    leaves sending out: a third of the transactions."""
    shard = shards[day % len(shards)]
    claimed = []
    for server in await shard.due_daily_servers():
        daily = await shard.claim_daily_post(server)
        assert daily is not None
        claimed.append(daily)
    return claimed


async def simulate_year(tutor: Tutor, db_path: Path) -> dict[int, list[QuizItem]]:
    """A year of daily posts for three servers, claimed in turn by the fixture's Tutor and a second process's
    (its own database handle, so nothing but the stored posts is shared); each server's prompts in order."""
    for manager in managers():
        await tutor.configure(manager, daily_enabled=True, daily_channel_id=777, post_time="09:00")
    assert isinstance(tutor.clock, FrozenClock)
    settings: Settings = tutor.settings.changed(storage={"database_url": f"sqlite+aiosqlite:///{db_path}"})
    other = Tutor(settings, NotesLibrary(tutor.notes.default), await Database.open(settings.database_url), tutor.clock)
    asked: dict[int, list[QuizItem]] = defaultdict(list)
    try:
        for day in range(YEAR):
            for daily in await claim_today([tutor, other], day):
                asked[daily.post.guild_id].append(daily.prompt)
            tutor.clock.advance(timedelta(days=1))
    finally:
        await other.close()
    return asked


def repeat_gaps(prompts: list[QuizItem]) -> list[int]:
    """Days between two posts of the same prompt."""
    last: dict[str, int] = {}
    gaps = []
    for day, prompt in enumerate(prompts):
        if prompt.id in last:
            gaps.append(day - last[prompt.id])
        last[prompt.id] = day
    return gaps


async def test_a_year_of_daily_posts_never_repeats_within_90_days_and_spreads_kinds_and_topics(
    tutor: Tutor, db_path: Path
) -> None:
    pool = [p for p in tutor.notes.default.prompts.values() if p.kind in BUTTON_KINDS]
    assert len(pool) >= REPEAT_GAP.days  # the default notes give 90 days of button questions
    asked = await simulate_year(tutor, db_path)
    assert sorted(asked) == list(SERVERS) and all(len(posts) == YEAR for posts in asked.values())
    for posts in asked.values():
        assert min(repeat_gaps(posts)) >= REPEAT_GAP.days
        assert len({p.id for p in posts}) == len(pool)  # the whole pool is asked before any prompt comes back
        kinds = Counter(p.kind for p in posts)
        assert set(kinds) == set(BUTTON_KINDS) and min(kinds.values()) >= YEAR // 10
        assert all(a.topic != b.topic for a, b in pairwise(posts))
        first_month = posts[:30]
        assert sum(p.quality for p in first_month) / 30 > sum(p.quality for p in pool) / len(pool)
        assert first_month[0].quality == max(p.quality for p in pool)
    assert len({tuple(p.id for p in posts[:30]) for posts in asked.values()}) == len(SERVERS)  # each server its own


def prompt(number: int, topic: str, kind: str = "multiple_choice", quality: float = 4.0) -> QuizItem:
    return QuizItem(
        id=f"p{number}",
        kind=kind,
        question=f"Question {number}?",
        answer="A",
        accepted=(),
        choices=("A", "B") if kind != "true_false" else None,
        source="notes.md",
        heading_path=(topic,),
        start_line=number,
        end_line=number,
        topic=topic,
        quality=quality,
    )


def run(prompts: list[QuizItem], days: int) -> list[QuizItem]:
    """Pick `days` posts in a row for one server, each from the history of the ones before."""
    start = date(2026, 1, 1)
    last_asked: dict[str, date] = {}
    picked: list[QuizItem] = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        recent = [p.topic for p in reversed(picked[-3:])]
        choice = daily_prompt(prompts, 7, day, last_asked, recent)
        last_asked[choice.id] = day
        picked.append(choice)
    return picked


def test_a_pool_smaller_than_the_gap_is_used_up_then_repeats_the_oldest_first() -> None:
    pool = [prompt(n, f"topic {n}") for n in range(10)]
    posts = run(pool, 40)
    assert len({p.id for p in posts[:10]}) == 10
    assert posts[10:20] == posts[:10]  # the oldest again, in the same order
    assert set(repeat_gaps(posts)) == {10}


def test_the_best_prompts_come_first_and_typed_prompts_only_without_button_prompts() -> None:
    pool = [prompt(n, f"topic {n}", quality=float(n)) for n in range(5)]
    typed = [prompt(10 + n, "typed", kind="cloze", quality=9.0) for n in range(3)]
    assert [p.id for p in run(pool + typed, 5)] == ["p4", "p3", "p2", "p1", "p0"]
    assert {p.kind for p in run(typed, 3)} == {"cloze"}


def test_recent_topics_give_way_to_others_while_any_remain() -> None:
    big = [prompt(n, "big", quality=5.0) for n in range(6)]
    small = [prompt(10 + n, f"small {n}", quality=1.0) for n in range(3)]
    topics = [p.topic.split()[0] for p in run(big + small, 9)]
    # the three small topics come between the better big ones; once they are used up, big again rather than a repeat
    assert topics == ["big", "small", "small", "small", "big", "big", "big", "big", "big"]


def test_statements_are_answered_with_true_and_false_buttons_and_terms_by_typing() -> None:
    assert answer_options(prompt(1, "t", kind="true_false")) == TRUE_FALSE
    assert answer_options(prompt(2, "t", kind="comparison")) == ("A", "B")
    assert answer_options(replace(prompt(3, "t", kind="cloze"), choices=None)) is None


@pytest.mark.parametrize("recent", [[], ["topic 0"], ["topic 0", "topic 1", "topic 2"]])
def test_the_pick_depends_only_on_the_history(recent: list[str]) -> None:
    pool = [prompt(n, f"topic {n % 3}", quality=float(n % 2)) for n in range(12)]
    asked = {"p1": date(2025, 6, 1), "p3": date(2025, 12, 30)}
    picks = {daily_prompt(list(order), 5, date(2026, 1, 1), asked, recent).id for order in (pool, pool[::-1])}
    assert len(picks) == 1
