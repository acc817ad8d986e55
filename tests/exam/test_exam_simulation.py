"""A simulated member over the 30 days before their exam (moved clock, the real service): they clear their due
reviews each morning, learn new questions for 20 days and take a full mock every few days. Every item they have
seen is reviewed in the final week; the readiness stage follows the mock scores; a load over the minutes they gave
is told with what to drop."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta

from fsrs import Card

from bot.clock import FrozenClock
from bot.exam.readiness import GETTING_THERE, NOT_READY, READY
from bot.exam.schedule import final_week_start
from bot.quiz.item import QuizItem, answer_options
from bot.quiz.review_store import MemberKey
from bot.service.mocks import questions_of
from bot.service.readiness import full_length
from bot.service.rounds import MAX_ROUND_LENGTH
from bot.service.types import Who
from bot.tutor import Tutor

WHO = Who(1, 7, "sim")
DAYS = 30
NEW_PER_DAY = 10
LEARNING_DAYS = 20
# day → the share of a full mock answered right (evenly in every domain), and the stage the rule then gives
MOCKS = {
    9: (0.55, NOT_READY),
    13: (0.70, GETTING_THERE),
    17: (0.82, GETTING_THERE),
    21: (0.84, GETTING_THERE),
    25: (0.86, READY),
}


def response(prompt: QuizItem, right: bool) -> str:
    if right:
        return prompt.answer
    options = answer_options(prompt)
    return next(o for o in options if o != prompt.answer) if options else "not this at all"


async def study(tutor: Tutor, rng: random.Random, *, review: bool, length: int) -> int:
    """One round answered (right 85% of the time); how many questions it had."""
    quiz = await tutor.start_quiz(WHO, length=length, review=review)
    for prompt in quiz.prompts:
        await tutor.answer(WHO, prompt.id, response(prompt, rng.random() < 0.85), quiz.round_id)
    await tutor.finish_round(WHO, quiz.round_id)
    return len(quiz.prompts)


async def take_full_mock(tutor: Tutor, share: float, rng: random.Random) -> None:
    """A full mock with `share` right in every domain (rounded up), submitted at once; which questions are missed
    is drawn at random (always the same ones would make leeches of them, set aside from reviews)."""
    session = await tutor.mocks.start(WHO)
    assert len(session.questions) == full_length(tutor.notes.default, tutor.notes.default.exam_domains)
    by_domain: dict[str, list[int]] = defaultdict(list)
    for index, question in enumerate(session.questions):
        by_domain[question.domain].append(index)
    answers = {}
    for indices in by_domain.values():
        missed = set(rng.sample(indices, len(indices) - math.ceil(share * len(indices))))
        for index in indices:
            question = session.questions[index]
            correct = question.choices.index(question.item.answer)
            answers[index] = (correct + 1) % len(question.choices) if index in missed else correct
    await tutor.repos.mocks.change(session.id, lambda record: replace(record, answers=answers))
    await tutor.mocks.submit(WHO, session.id)


async def test_thirty_days_to_the_exam(tutor: Tutor) -> None:
    clock = tutor.clock
    assert isinstance(clock, FrozenClock)
    exam_day = clock.now().date() + timedelta(days=DAYS)
    await tutor.set_exam(WHO, exam_day.isoformat(), "Cert", daily_minutes=5)
    rng = random.Random(20)
    stages, told_to_drop = {}, []
    for day in range(DAYS):
        while await study(tutor, rng, review=True, length=MAX_ROUND_LENGTH):
            pass  # every due review, however many rounds it takes
        if day < LEARNING_DAYS:
            await study(tutor, rng, review=False, length=NEW_PER_DAY)
        if day in MOCKS:
            await take_full_mock(tutor, MOCKS[day][0], rng)
            stages[day] = (await tutor.exam_readiness(WHO)).stage
        plan = await tutor.exam_plan(WHO)
        if plan.load is not None and plan.load.over:
            told_to_drop.append(plan.load.drop)
        clock.advance(timedelta(days=1))

    assert stages == {day: stage for day, (_, stage) in MOCKS.items()}
    assert told_to_drop and all(drop[0].startswith("new questions") for drop in told_to_drop)
    states = await tutor.scheduler.store.states(MemberKey(WHO.guild_id, WHO.user_id))
    mocked = {
        q.item.id
        for r in await tutor.repos.mocks.submitted(WHO.guild_id, WHO.user_id, 10)
        for q in questions_of(r.questions_json)
    }
    assert len(states) > LEARNING_DAYS * NEW_PER_DAY and mocked <= {s.prompt_id for s in states}
    final_week = final_week_start(exam_day)
    late = [s.prompt_id for s in states if (Card.from_json(s.card_json).last_review or final_week) < final_week]
    assert late == [], f"{len(late)} of {len(states)} items seen were not reviewed in the final week"
