"""Daily quiz posts: one claim per server and day, one counted answer per member, one reveal."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import pytest

from bot.progress.periods import ALL_TIME_START
from bot.storage import DailyHistory, DailyPost, DailyResults, Repositories, Totals
from bot.storage.answers import Recorded
from bot.storage.daily import DailyPostGone
from tests.storage.conftest import CLAIM_LEASE, T0, claim_at

pytestmark = pytest.mark.asyncio(loop_scope="function")
DAY = date(2026, 3, 2)


async def claim(repos: Repositories, guild: int = 1, day: date = DAY, reveal_in: int = 60) -> DailyPost | None:
    claimed = await claim_at(repos, T0, guild, day, T0 + timedelta(minutes=reveal_in))
    return None if claimed is None else claimed[0]


async def sent_post(repos: Repositories, guild: int = 1, reveal_in: int = 60) -> DailyPost:
    post = await claim(repos, guild, reveal_in=reveal_in)
    assert post is not None
    await repos.daily.set_message_id(post.id, 10_000 + guild)
    return post


async def test_claim_returns_the_post_then_none_for_the_same_day(repos: Repositories) -> None:
    post = await claim(repos)
    assert post is not None
    assert (post.local_date, post.state, post.message_id, post.reveal_at) == (
        DAY,
        "posted",
        None,
        T0 + timedelta(hours=1),
    )
    assert await claim(repos) is None
    assert await claim(repos, day=DAY + timedelta(days=1)) is not None
    assert await claim(repos, guild=2) is not None


async def test_concurrent_claims_of_one_post_have_exactly_one_winner(repos: Repositories) -> None:
    results = await asyncio.gather(*(claim(repos) for _ in range(12)))
    assert sum(post is not None for post in results) == 1


async def test_a_claim_without_a_message_is_free_again_after_its_lease_and_keeps_its_prompt(
    repos: Repositories,
) -> None:
    post = await claim(repos)
    assert post is not None and post.prompt_json == '{"id": "prompt-1"}'
    assert await claim_at(repos, T0 + CLAIM_LEASE - timedelta(seconds=1)) is None
    retaken = await claim_at(repos, T0 + CLAIM_LEASE)
    assert retaken is not None and retaken[1] is True and retaken[0].id == post.id
    assert retaken[0].prompt_json == post.prompt_json and retaken[0].claimed_at == T0
    await repos.daily.set_message_id(post.id, 10_001)
    assert await claim_at(repos, T0 + timedelta(hours=5)) is None
    assert (await repos.daily.get(post.id)).message_id == 10_001  # type: ignore[union-attr]


async def test_a_failed_step_backs_off_and_a_given_up_day_is_closed(repos: Repositories) -> None:
    post = await claim(repos)
    assert post is not None
    await repos.daily.retry_later(post.id, 1, T0 + timedelta(minutes=10))
    await repos.daily.retry_later(post.id, 1, T0 + timedelta(minutes=10))  # a repeated write changes nothing
    assert await claim_at(repos, T0 + timedelta(minutes=9)) is None
    again = await claim_at(repos, T0 + timedelta(minutes=10))
    assert again is not None and again[0].attempts == 1
    await repos.daily.give_up(post.id, "x" * 500)
    closed = await repos.daily.get(post.id)
    assert closed is not None and closed.state == "revealed" and closed.problem == "x" * 200
    assert await claim_at(repos, T0 + timedelta(days=1, minutes=-1)) is None


async def test_problems_are_news_once_and_cleared_by_a_good_post(repos: Repositories) -> None:
    assert await repos.daily_problems.report(1, 555, "refused", T0) is True
    assert await repos.daily_problems.report(1, 555, "refused", T0 + timedelta(days=1)) is False
    assert (await repos.daily_problems.get(1)).since == T0  # type: ignore[union-attr]
    assert await repos.daily_problems.report(1, 556, "refused", T0) is True  # another channel: news
    await repos.daily_problems.clear(1)
    assert await repos.daily_problems.get(1) is None


async def test_a_problem_stays_to_be_told_until_told_and_a_new_one_is_told_again(repos: Repositories) -> None:
    await repos.daily_problems.report(1, 555, "refused", T0)
    await repos.daily_problems.report(2, 777, "gone", T0)
    assert [p.guild_id for p in await repos.daily_problems.untold([1])] == [1]
    (problem,) = await repos.daily_problems.untold([1])
    await repos.daily_problems.told(problem, T0)
    await repos.daily_problems.told(problem, T0)  # safe to repeat
    assert [p.guild_id for p in await repos.daily_problems.untold()] == [2]
    await repos.daily_problems.report(1, 555, "refused", T0 + timedelta(days=1))  # the same problem: told already
    assert [p.guild_id for p in await repos.daily_problems.untold([1])] == []
    await repos.daily_problems.report(1, 556, "refused", T0 + timedelta(days=1))  # a new problem
    assert [p.channel_id for p in await repos.daily_problems.untold([1])] == [556]
    await repos.daily_problems.told(problem, T0)  # the old problem's message does not count for the new one
    assert [p.channel_id for p in await repos.daily_problems.untold([1])] == [556]


async def test_concurrent_answers_count_once_per_member(repos: Repositories) -> None:
    post = await sent_post(repos)

    async def answer(user: int, choice: str, request: int = 0) -> bool:
        outcome = await repos.daily.record_answer(
            post.id, user, choice=choice, correct=choice == "A", points=10, answered_at=T0, request_id=f"r{request}"
        )
        return outcome.status is Recorded.NEW

    same_member = [answer(1, "A" if i % 2 else "B", i) for i in range(10)]
    other_members = [answer(user, "A") for user in range(2, 12)]
    outcomes = await asyncio.gather(*same_member, *other_members)
    assert sum(outcomes[:10]) == 1
    assert all(outcomes[10:])
    results = await repos.daily.results(post.id)
    assert results.answered == 11
    assert results.correct in (10, 11)
    tallies = {t.user_id: t for t in await repos.standings.member_tallies(1, None, None)}
    assert tallies[1].answered == 1 and tallies[5].points == 10
    for user, tally in tallies.items():  # the running totals agree with the log
        assert await repos.standings.member_total(1, user, "all", ALL_TIME_START) == Totals(
            tally.points, tally.correct, tally.answered
        )


async def test_answer_after_answering_is_refused_and_logged_once(repos: Repositories) -> None:
    post = await sent_post(repos)
    first = await repos.daily.record_answer(
        post.id, 1, choice="B", correct=False, points=0, answered_at=T0, request_id="r1"
    )
    second = await repos.daily.record_answer(
        post.id, 1, choice="A", correct=True, points=10, answered_at=T0, request_id="r2"
    )
    assert (first.status, second.status) == (Recorded.NEW, Recorded.TAKEN)
    assert await repos.daily.results(post.id) == DailyResults(post.id, 1, 0)
    assert await repos.standings.study_days(1, [1]) == {1: {T0.date(): 1}}


async def test_answer_to_missing_post_is_not_found(repos: Repositories) -> None:
    with pytest.raises(DailyPostGone):
        await repos.daily.record_answer(404, 1, choice="A", correct=True, points=10, answered_at=T0, request_id="r")


async def test_posts_due_for_reveal_and_single_reveal(repos: Repositories) -> None:
    early = await sent_post(repos, guild=1, reveal_in=30)
    late = await sent_post(repos, guild=2, reveal_in=90)
    await claim(repos, guild=3, reveal_in=0)  # never sent: not revealable
    now = T0 + timedelta(minutes=60)
    assert [p.id for p in await repos.daily.due_for_reveal(now)] == [early.id]
    assert [p.id for p in await repos.daily.due_for_reveal(now + timedelta(hours=1))] == [early.id, late.id]
    assert await repos.daily.due_for_reveal(now + timedelta(hours=1), guild_ids=[2]) == [await repos.daily.get(late.id)]
    claims = await asyncio.gather(*(repos.daily.claim_reveal(early.id, now, now + CLAIM_LEASE) for _ in range(5)))
    assert sum(claims) == 1
    assert await repos.daily.due_for_reveal(now) == []  # claimed: not listed while the lease holds
    assert [p.id for p in await repos.daily.due_for_reveal(now + CLAIM_LEASE)] == [early.id]  # lapsed: free again
    await repos.daily.mark_revealed(early.id)
    await repos.daily.mark_revealed(early.id)
    assert (await repos.daily.get(early.id)).state == "revealed"  # type: ignore[union-attr]
    assert await repos.daily.due_for_reveal(now + CLAIM_LEASE) == []


class Picker:
    """A daily pick that records the history it was given and asks prompt "p<day of month>"."""

    def __init__(self) -> None:
        self.seen: list[DailyHistory] = []

    async def claim(self, repos: Repositories, guild: int, day: date, now: datetime = T0) -> DailyPost | None:
        def pick(history: DailyHistory) -> tuple[str, str]:
            self.seen.append(history)
            return f"p{day.day}", f'{{"id": "p{day.day}"}}'

        claimed = await repos.daily.claim(guild, day, pick, 555, T0, now, now + CLAIM_LEASE, latest=2)
        return None if claimed is None else claimed[0]


async def test_a_new_claim_picks_from_what_the_servers_earlier_posts_asked(repos: Repositories) -> None:
    picker = Picker()
    days = [DAY + timedelta(days=n) for n in range(6)]
    for day in days[:3]:
        post = await picker.claim(repos, 1, day)
        assert post is not None
        await repos.daily.set_message_id(post.id, 10_000 + day.day)
    unsent = await picker.claim(repos, 1, days[3])  # claimed, never recorded: it may have been sent
    given_up = await picker.claim(repos, 1, days[4])  # given up before any message: nobody saw it
    assert unsent is not None and given_up is not None
    await repos.daily.give_up(given_up.id, "Missing Access")
    await picker.claim(repos, 2, days[5])  # another server's
    await picker.claim(repos, 1, days[5] + timedelta(days=1))  # a later day of this server
    assert picker.seen[0] == DailyHistory({}, ())
    await picker.claim(repos, 1, days[5])
    history = picker.seen[-1]
    assert history.last_asked == {f"p{day.day}": day for day in days[:4]}
    assert [post.local_date for post in history.latest] == [days[3], days[2]]  # newest first, `latest` of them
    assert history.latest[0].prompt_json == f'{{"id": "p{days[3].day}"}}'
    picks = len(picker.seen)
    assert await picker.claim(repos, 1, days[5]) is None  # already claimed: nothing is picked again
    assert len(picker.seen) == picks
