"""Mastery and reviews through the service: mastery tells the truth after a fail, one definition of due."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from bot.clock import FrozenClock
from bot.discord.tables import code_block
from bot.errors import NotAllowed, NotFound
from bot.pictures import mastery_table
from bot.pictures.mastery import MAX_TOPICS
from bot.service.library import NotesLibrary
from bot.service.notes import NotesBundle
from bot.service.picture_data import mastery_data
from bot.service.types import Who
from bot.settings import Settings
from bot.storage import Database
from bot.tutor import Tutor
from tests.conftest import typed_prompt, with_prompts
from tests.e2e.tutor_fixtures import OpenTutor

pytestmark = pytest.mark.asyncio(loop_scope="function")
ANA = Who(77, 1, "ana")


async def test_stats_after_failing_a_topics_only_answered_question(open_tutor: OpenTutor) -> None:
    tutor = await open_tutor()
    prompt = typed_prompt(tutor.notes.default.prompts.values())
    assert not (await tutor.answer(ANA, prompt.id, "certainly not this")).correct
    stats = await tutor.stats(ANA)
    by_topic = {t.topic: t for t in stats.mastery}
    failed = by_topic.pop(prompt.topic)
    assert (failed.mastery, failed.studied) == (0.0, 1)
    assert all(t.studied == 0 for t in by_topic.values())
    assert stats.study_next == prompt.topic
    lines = code_block(mastery_table(mastery_data(stats))).splitlines()
    [marked] = [line for line in lines if "study next" in line]
    assert " 0%" in marked and "100%" not in "\n".join(lines)
    assert sum("not started" in line for line in lines) == min(len(by_topic), MAX_TOPICS - 1)


async def test_stats_count_of_due_reviews_is_what_review_finds(open_tutor: OpenTutor, clock: FrozenClock) -> None:
    tutor = await open_tutor()
    typed_or_picked = [p for p in tutor.notes.default.prompts.values() if p.kind != "true_false"]
    failed = typed_or_picked[:4]  # "certainly not this" is no answer to a true/false statement
    for prompt in failed:
        await tutor.answer(ANA, prompt.id, "certainly not this")
    clock.advance(timedelta(hours=1))
    rebuilt = [p for p in tutor.notes.default.prompts.values() if p.id != failed[0].id]
    tutor.notes.default = with_prompts(tutor.notes.default, rebuilt)  # the notes were rebuilt without it
    stats = await tutor.stats(ANA)
    review = await tutor.start_quiz(ANA, length=20, review=True)
    assert stats.reviews_due == len(review.prompts) == 3
    assert {p.id for p in review.prompts} == {p.id for p in failed[1:]}


@pytest_asyncio.fixture(loop_scope="function")
async def strict_tutor(
    tmp_path: Path,
    default_settings: Settings,
    default_bundle: NotesBundle,
    clock: FrozenClock,
) -> AsyncIterator[Tutor]:
    """A Tutor whose leech threshold (the named setting) is 3 wrong answers."""
    settings = default_settings.changed(
        storage={"database_url": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"}, quiz={"leech_lapses": 3}
    )
    tutor = Tutor(settings, NotesLibrary(default_bundle), await Database.open(settings.database_url), clock)
    yield tutor
    await tutor.close()


async def test_a_leech_shows_its_passage_and_leaves_reviews_until_studied_again(
    strict_tutor: Tutor, clock: FrozenClock
) -> None:
    tutor = strict_tutor
    prompt = next(p for p in tutor.notes.default.prompts.values() if p.kind == "cloze")
    verdicts = []
    for _ in range(3):
        verdicts.append(await tutor.answer(ANA, prompt.id, "certainly not this"))
        clock.advance(timedelta(hours=1))
    assert [v.set_aside is None for v in verdicts] == [True, True, False]
    set_aside = verdicts[-1].set_aside
    assert set_aside is not None and set_aside.lapses == 3 and set_aside.passage is not None
    passage = set_aside.passage
    assert passage.source == prompt.source and passage.start_line <= prompt.start_line <= passage.end_line
    assert (await tutor.stats(ANA)).reviews_due == 0
    assert (await tutor.start_quiz(ANA, review=True)).prompts == ()
    assert prompt not in (await tutor.start_quiz(ANA, length=20)).prompts
    assert (await tutor.answer(ANA, prompt.id, "still wrong")).set_aside is None  # told once
    assert await tutor.study_again(ANA, prompt.id) == prompt
    with pytest.raises(NotFound):
        await tutor.study_again(ANA, prompt.id)
    clock.advance(timedelta(hours=1))
    assert (await tutor.start_quiz(ANA, review=True)).prompts == (prompt,)


BO, CY = Who(77, 2, "bo"), Who(77, 3, "cy")
BOSS = Who(77, 9, "boss", is_manager=True)


async def test_reports_by_three_members_suspend_a_question_everywhere_in_that_server(
    open_tutor: OpenTutor, clock: FrozenClock
) -> None:
    tutor = await open_tutor()
    prompt = typed_prompt(tutor.notes.default.prompts.values())
    await tutor.answer(ANA, prompt.id, "certainly not this")
    clock.advance(timedelta(hours=1))
    outcomes = [await tutor.report(who, prompt.id, "ambiguous") for who in (ANA, ANA, BO)]
    assert [(o.new, o.suspended) for o in outcomes] == [(True, False), (False, False), (True, False)]
    assert (await tutor.stats(ANA)).reviews_due == 1
    assert (await tutor.report(CY, prompt.id, "wrong")).suspended
    assert (await tutor.stats(ANA)).reviews_due == 0
    assert (await tutor.start_quiz(ANA, review=True)).prompts == ()
    assert prompt not in (await tutor.start_quiz(BO, length=20, topic=prompt.topic)).prompts
    elsewhere = Who(78, ANA.user_id, "ana")
    assert (await tutor.report(elsewhere, "other", "wrong")).new
    assert prompt.id not in await tutor.suspended_prompts(78)
    with pytest.raises(NotAllowed):
        await tutor.reported_questions(ANA)
    [listed] = await tutor.reported_questions(BOSS)
    assert (listed.prompt, listed.reporters, listed.suspended) == (prompt, 3, True)
    assert listed.reasons == {"ambiguous": 2, "wrong": 1}
    await tutor.restore_question(BOSS, prompt.id)
    assert (await tutor.start_quiz(ANA, review=True)).prompts == (prompt,)
    with pytest.raises(NotFound):
        await tutor.restore_question(BOSS, prompt.id)
    with pytest.raises(NotFound):
        await tutor.report(ANA, prompt.id, "boring")


async def test_a_managers_report_suspends_at_once_and_the_daily_quiz_skips_suspended_questions(
    open_tutor: OpenTutor, clock: FrozenClock
) -> None:
    tutor = await open_tutor()
    await tutor.configure(BOSS, daily_channel_id=555, daily_enabled=True, post_time="05:00")
    [server] = await tutor.due_daily_servers()
    pool = [p.id for p in tutor.notes.default.prompts.values()]
    for prompt_id in pool[1:]:
        assert (await tutor.report(BOSS, prompt_id, "not_in_notes")).suspended
    daily = await tutor.claim_daily_post(server)
    assert daily is not None and daily.prompt.id == pool[0]
