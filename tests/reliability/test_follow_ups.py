"""Follow-ups through the service: read against the same member's previous question in the same place, for a few
minutes, in a bounded memory; self-contained questions are never rewritten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import FrozenClock
from bot.service.followups import FOLLOW_UP_WINDOW, Conversation, RecentQuestions
from bot.tutor import Tutor

HERE = Conversation(guild_id=7, channel_id=70, user_id=700)
T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


async def test_a_follow_up_is_answered_from_the_previous_question(tutor: Tutor) -> None:
    first = await tutor.ask("What is the visibility timeout of an SQS queue?", where=HERE)
    assert first.understood is None and not first.abstained
    follow_up = await tutor.ask("and what is its maximum?", where=HERE)
    assert follow_up.query == "and what is its maximum?"
    assert follow_up.understood is not None and "visibility timeout" in follow_up.understood
    assert not follow_up.abstained and follow_up.citations
    assert any("SQS" in " ".join(c.heading_path) for c in follow_up.citations)


async def test_a_self_contained_question_is_not_rewritten_and_becomes_the_new_previous(tutor: Tutor) -> None:
    await tutor.ask("What is the visibility timeout of an SQS queue?", where=HERE)
    own = await tutor.ask("and how does DynamoDB handle a hot partition?", where=HERE)
    assert own.understood is None
    after = await tutor.ask("why?", where=HERE)
    assert after.understood is not None and "DynamoDB" in after.understood and "SQS" not in after.understood


async def test_another_member_or_channel_or_a_late_follow_up_is_not_read_against_it(tutor: Tutor) -> None:
    await tutor.ask("What is the visibility timeout of an SQS queue?", where=HERE)
    for elsewhere in (Conversation(7, 70, 701), Conversation(7, 71, 700), Conversation(8, 70, 700)):
        assert (await tutor.ask("and what is its maximum?", where=elsewhere)).understood is None
    assert (await tutor.ask("and what is its maximum?")).understood is None  # no conversation given
    assert isinstance(tutor.clock, FrozenClock)
    tutor.clock.advance(FOLLOW_UP_WINDOW + timedelta(seconds=1))
    assert (await tutor.ask("and what is its maximum?", where=HERE)).understood is None


def test_the_memory_forgets_stale_and_least_recent_conversations() -> None:
    clock = FrozenClock(T0)
    recent = RecentQuestions(clock, ttl=timedelta(minutes=5), capacity=3)
    for user in range(5):
        recent.remember(Conversation(1, 1, user), f"question {user}")
        clock.advance(timedelta(minutes=1))
    assert len(recent) == 3  # never more than its capacity
    assert recent.previous(Conversation(1, 1, 0)) is None and recent.previous(Conversation(1, 1, 1)) is None
    assert recent.previous(Conversation(1, 1, 4)) == "question 4"
    clock.advance(timedelta(minutes=4))  # users 2 and 3 asked 7 and 6 minutes ago, user 4 five minutes ago
    recent.remember(Conversation(1, 2, 9), "new")
    assert len(recent) == 2  # the stale ones went as soon as something was remembered
    assert recent.previous(Conversation(1, 1, 4)) == "question 4"
    clock.advance(timedelta(minutes=2))
    assert recent.previous(Conversation(1, 1, 4)) is None and len(recent) == 1  # dropped when found stale
