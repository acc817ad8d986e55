"""Hostile member text through the service: friendly replies or normal answers, never a crash or an echoed mention."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.errors import InvalidInput, UnusableAnswer
from bot.knowledge.answer_markdown import answer_markdown, budgeted_chars
from bot.knowledge.answering import ANSWER_LIMIT
from bot.tutor import Tutor
from tests.conftest import typed_prompt
from tests.reliability.conftest import ALICE

MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")
HOSTILE_QUESTIONS = [
    "@everyone what is the SQS retention period?",
    "@here @everyone",
    "<@123> <@!456> <@&789> what is a Lambda timeout?",
    "[click me](http://evil.example) what is DynamoDB?",
    "```\n@everyone\n``` what is S3 versioning?",
    "what is\u200b\u200b the S3\u202e storage class\u2066 for archives?",
    "\u202e\u202e\u202e",
    "x" * 10_000,
    "what is Kinesis? " * 600,
    "",
    "   \n\t ",
    "hi!",
    "¿Qué es Lambda? 什么是亚马逊",
]


@pytest.mark.parametrize("question", HOSTILE_QUESTIONS, ids=range(len(HOSTILE_QUESTIONS)))
async def test_hostile_question_gets_a_bounded_reply_without_mentions(tutor: Tutor, question: str) -> None:
    answer = await tutor.ask(question)
    assert answer_markdown(answer).strip()
    assert budgeted_chars(answer) <= ANSWER_LIMIT  # out-of-date lines aside
    assert not MENTION.search(answer_markdown(answer))
    assert "http://evil" not in answer_markdown(answer)


async def test_long_input_is_refused_with_a_friendly_problem(tutor: Tutor) -> None:
    answer = await tutor.ask("y" * 10_000)
    assert answer.problem == "too_long"
    assert "10,000" in answer_markdown(answer)


async def test_many_hostile_questions_at_once_share_a_batch_without_failing(tutor: Tutor) -> None:
    answers = await asyncio.gather(*(tutor.ask(q) for q in HOSTILE_QUESTIONS))
    assert [a.query for a in answers] == HOSTILE_QUESTIONS


HOSTILE_GROUP_NAMES = [
    "@everyone",
    "<@123>",
    "[x](http://evil)",
    "```breakout```",
    "a\u202egroup",
    "zero\u200bwidth",
    "g" * 10_000,
    "",
    "x",
    "**bold**",
]


@pytest.mark.parametrize("name", HOSTILE_GROUP_NAMES, ids=range(len(HOSTILE_GROUP_NAMES)))
async def test_hostile_group_name_is_refused_with_a_clear_message(tutor: Tutor, name: str) -> None:
    with pytest.raises(InvalidInput, match=r"group name") as refused:
        await tutor.create_group(ALICE, name)
    assert not MENTION.search(str(refused.value))
    assert len(str(refused.value)) < 200
    assert await tutor.list_groups(ALICE.guild_id) == []


async def test_hostile_answer_text_is_graded_and_stored_without_crash(tutor: Tutor) -> None:
    prompt = typed_prompt(tutor.notes.default.prompts.values())
    for response in ("@everyone", "```", "\u202e" * 50, "z" * 150, "<@123>"):
        graded = await tutor.answer(ALICE, prompt.id, response)
        assert graded.correct is False
        assert not MENTION.search(graded.note)
    with pytest.raises(UnusableAnswer, match="at most"):  # a wall of text is refused with a reason, not stored
        await tutor.answer(ALICE, prompt.id, "z" * 10_000)
