"""Mastery from evidence (bot/quiz/mastery.py): a failed prompt is never mastered, one answer is not a topic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.pictures import TopicMastery
from bot.pictures.mastery import percent
from bot.quiz.item import QuizItem
from bot.quiz.mastery import TARGET_INTERVAL_DAYS, ItemRecall, prompt_mastery, study_next, topic_mastery
from bot.quiz.review_store import InMemoryReviewStore, MemberKey
from bot.quiz.scheduling import ReviewScheduler

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
MEMBER = MemberKey(guild_id=1, user_id=2)


def prompt(pid: str, topic: str) -> QuizItem:
    return QuizItem(pid, "cloze", f"Q {pid}?", "A", (), None, "notes.md", (topic,), 1, 1, topic)


def test_a_prompt_is_mastered_by_its_stability_against_the_target_interval() -> None:
    assert prompt_mastery(ItemRecall("S3", TARGET_INTERVAL_DAYS / 4, True)) == pytest.approx(0.25)
    assert prompt_mastery(ItemRecall("S3", TARGET_INTERVAL_DAYS * 3, True)) == 1.0
    assert prompt_mastery(ItemRecall("S3", TARGET_INTERVAL_DAYS * 3, False)) == 0.0  # last answer wrong


def test_a_topic_counts_every_prompt_so_one_answer_is_not_a_mastered_topic() -> None:
    sizes = {"S3": 4, "IAM": 2, "VPC": 3}
    recalls = [ItemRecall("S3", 100.0, True), ItemRecall("IAM", 100.0, True), ItemRecall("IAM", 50.0, False)]
    s3, iam, vpc = topic_mastery(sizes, [*recalls, ItemRecall("Gone", 100.0, True)])
    assert (s3.topic, s3.mastery, s3.studied) == ("S3", 0.25, 1)
    assert (iam.mastery, iam.studied) == (0.5, 2)
    assert (vpc.mastery, vpc.studied, vpc.prompts) == (0.0, 0, 3)


def test_study_next_is_the_weakest_started_topic_never_one_not_opened() -> None:
    topics = (TopicMastery("S3", 0.6, 4, 4), TopicMastery("IAM", 0.1, 5, 2), TopicMastery("VPC", 0.0, 3, 0))
    assert study_next(topics) == "IAM"
    assert study_next((TopicMastery("VPC", 0.0, 3, 0),)) is None


async def test_a_topic_whose_only_question_was_just_failed_reads_0_and_is_studied_next() -> None:
    scheduler = ReviewScheduler(InMemoryReviewStore())
    prompts = [prompt("a1", "Alpha"), prompt("b1", "Beta")]
    await scheduler.record(MEMBER, prompts[0], False, START)
    alpha, beta = await scheduler.mastery(MEMBER, prompts)
    assert (alpha.mastery, alpha.studied) == (0.0, 1) and percent(alpha.mastery) == "0%"
    assert beta.studied == 0
    assert study_next((alpha, beta)) == "Alpha"


async def test_mastery_grows_with_passes_and_a_fail_takes_it_away() -> None:
    scheduler = ReviewScheduler(InMemoryReviewStore())
    only = [prompt("a1", "Alpha")]
    now, readings = START, []
    for _ in range(5):
        state = await scheduler.record(MEMBER, only[0], True, now)
        readings.append((await scheduler.mastery(MEMBER, only))[0].mastery)
        now = state.due
    assert readings == sorted(readings) and 0 < readings[0] < 0.2 and readings[-1] == 1.0
    await scheduler.record(MEMBER, only[0], False, now)
    (after_fail,) = await scheduler.mastery(MEMBER, only)
    assert after_fail.mastery == 0.0 and percent(after_fail.mastery) != "100%"
    await scheduler.record(MEMBER, only[0], True, now + timedelta(minutes=10))
    (relearnt,) = await scheduler.mastery(MEMBER, only)
    assert 0 < relearnt.mastery < 1  # back, but a lapse costs stability


async def test_a_failed_prompt_keeps_a_big_topic_below_100() -> None:
    scheduler = ReviewScheduler(InMemoryReviewStore())
    prompts = [prompt(f"a{i}", "Alpha") for i in range(300)]
    for item in prompts:
        now = START
        for _ in range(5):  # passed at each due time until mastered
            now = (await scheduler.record(MEMBER, item, True, now)).due
    assert (await scheduler.mastery(MEMBER, prompts))[0].mastery == 1.0
    await scheduler.record(MEMBER, prompts[0], False, now)
    (alpha,) = await scheduler.mastery(MEMBER, prompts)
    assert alpha.studied == 300 and percent(alpha.mastery) == "99%"
