"""The terminal tutor's session, scripted: commands without a slash, quiz input that cannot be marked, Ctrl-C."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from bot.quiz.item import QuizItem
from bot.service.types import QuizRound
from bot.storage.failures import DISK_FULL
from bot.tutor import Tutor
from bot.wording import FOLLOW_UP_NOTE
from tests.console.scripted import CTRL_C, ME, session_for, talk
from tests.storage.faults import disk_full


def first_prompt(tutor: Tutor, kind: str) -> QuizItem:
    return next(p for p in tutor.notes.default.prompts.values() if p.kind == kind)


async def play(tutor: Tutor, prompt: QuizItem, *typed: str | object) -> str:
    """A round of just `prompt`, answered with `typed`."""
    round_id = tutor.rounds.book.open(ME.guild_id, ME.user_id, (prompt,), False)
    session, shown = session_for(tutor, *typed)
    await session._play(QuizRound(round_id, (prompt,), False))
    return shown.getvalue()


async def test_help_exit_and_quit_without_a_slash_are_commands(tutor: Tutor) -> None:
    out = await talk(tutor, "help", "quit", "What is S3?")
    assert "/quiz [topic]" in out and "Goodbye" in out
    assert "How closely" not in out  # the session ended at `quit`: the question after it was never asked
    assert "Goodbye" in await talk(tutor, "Exit")


async def test_a_question_that_starts_with_a_command_word_is_still_a_question(
    tutor: Tutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer = tutor.ask

    async def spy(question: str, topic: str | None = None, where=None):  # type: ignore[no-untyped-def]
        asked.append(question)
        return await answer(question, topic, where)

    monkeypatch.setattr(tutor, "ask", spy)
    out = await talk(tutor, "help me with the default\nLambda   timeout", "quiz")
    assert asked == ["help me with the default Lambda timeout"]  # a pasted block is one question, spaces tidied
    assert "/quiz [topic]" not in out and "Question 1/" in out  # `quiz` alone started a round


async def test_true_false_answers_that_are_not_true_or_false_are_asked_again(tutor: Tutor) -> None:
    prompt = first_prompt(tutor, "true_false")
    out = await play(tutor, prompt, "maybe", "", prompt.answer)
    assert out.count("Answer true or false.") == 1
    assert out.count("Type an answer, /skip") == 2  # after the bad answer and after the bare Enter
    assert "✓ Right!" in out and "Round over: 1/1 right" in out


async def test_skip_moves_on_without_a_wrong_answer(tutor: Tutor) -> None:
    prompt = first_prompt(tutor, "cloze")
    out = await play(tutor, prompt, "/skip")
    assert f"Skipped: the answer is {prompt.answer}" in out
    assert "Round over: 0/0 right" in out
    assert (await tutor.stats(ME)).answered == 0


async def test_a_choice_letter_out_of_range_is_asked_again(tutor: Tutor) -> None:
    prompt = next(p for p in tutor.notes.default.prompts.values() if p.choices)
    out = await play(tutor, prompt, "z", "/stop")
    last = chr(ord("A") + len(prompt.choices or ()) - 1)
    assert f"Pick one of A–{last}" in out and "Round over: 0/0 right" in out


async def test_ctrl_c_in_a_round_shows_the_summary_and_a_second_ctrl_c_quits(tutor: Tutor) -> None:
    out = await talk(tutor, "/quiz", CTRL_C, CTRL_C, "What is S3?")
    assert "Round over: 0/0 right" in out
    assert out.index("Round over") < out.index("Ctrl-C again or Ctrl-D to quit") < out.index("Goodbye")
    assert "How closely" not in out


async def test_ctrl_c_at_the_prompt_then_a_line_resets_the_count(tutor: Tutor) -> None:
    out = await talk(tutor, CTRL_C, "/help", CTRL_C, "/streak")
    assert out.count("Ctrl-C again or Ctrl-D to quit") == 2 and "Streak: 0 days" in out


async def test_interrupt_cancels_an_answer_being_worked_out(tutor: Tutor, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = asyncio.Event()

    async def never_answers(question: str, topic: str | None = None, where: object = None) -> None:
        asked.set()
        await asyncio.Event().wait()

    monkeypatch.setattr(tutor, "ask", never_answers)
    session, shown = session_for(tutor, "What is S3?")
    running = asyncio.create_task(session.run())
    await asyncio.wait_for(asked.wait(), 5)
    session.interrupt()
    await asyncio.wait_for(running, 5)
    out = shown.getvalue()
    assert "Stopped. (Ctrl-C again or Ctrl-D to quit.)" in out and out.rstrip().endswith("good luck with your studies!")


async def test_topics_lists_only_topics_with_questions_and_a_topic_without_any_says_so(tutor: Tutor) -> None:
    sizes = await tutor.quiz_topic_sizes()
    empty = [t for t in tutor.notes.default.topics if t not in sizes]
    assert empty  # the default notes have text before their first heading: a topic with nothing to quiz
    out = await talk(tutor, "/topics", f"/quiz {empty[0]}")
    assert all(f"• {topic} (" in out for topic in sizes)
    assert f"• {empty[0]}" not in out
    assert "have no quiz questions" in out and "Round over" not in out


async def test_timezone_shows_sets_refuses_and_gives_back_the_servers_zone(tutor: Tutor) -> None:
    out = await talk(
        tutor, "/timezone", "/timezone Asia/Tokyo", "/timezone localtime", "/timezone", "/timezone server", "/streak"
    )
    shown = [line for line in out.splitlines() if "time zone" in line or "names no place" in line]
    assert "follow the server's time zone, UTC" in shown[0]
    assert "follow your time zone, Asia/Tokyo" in shown[1]
    assert "names no place" in shown[2]  # refused, and the session runs on
    assert "follow your time zone, Asia/Tokyo" in shown[3]  # the refused zone changed nothing
    assert "follow the server's time zone, UTC" in shown[4]
    assert "Streak:" in out and "Goodbye" in out
    assert "/timezone [zone]" in await talk(tutor, "help")


async def test_a_question_set_aside_shows_its_passage_and_again_brings_it_back(tutor: Tutor) -> None:
    tutor.scheduler.leech_lapses = 1  # the named setting, at its smallest: the first wrong answer sets it aside
    prompt = first_prompt(tutor, "cloze")
    round_id = tutor.rounds.book.open(ME.guild_id, ME.user_id, (prompt,), False)
    session, shown = session_for(tutor, "certainly not this", "/again", "/again")
    await session._play(QuizRound(round_id, (prompt,), False))
    out = shown.getvalue()
    assert "1 wrong answer on this question: it leaves your reviews" in out
    passage = tutor.notes.default.prompt_passage(prompt)
    assert passage is not None and f"{passage.start_line}" in out.split("it leaves your reviews")[1]
    await session.run()
    out = shown.getvalue()
    assert f"Back in your reviews: {prompt.question[:40]}" in out
    assert "No question has been set aside in this session." in out


async def test_report_after_a_question_records_it_once_and_asks_for_a_reason(tutor: Tutor) -> None:
    assert "No question has been asked yet" in await talk(tutor, "/report wrong")
    prompt = first_prompt(tutor, "cloze")
    round_id = tutor.rounds.book.open(ME.guild_id, ME.user_id, (prompt,), False)
    session, shown = session_for(tutor, "/skip", "/report", "/report wrong", "/report ambiguous")
    await session._play(QuizRound(round_id, (prompt,), False))
    await session.run()
    out = shown.getvalue()
    assert "Say what is wrong: /report wrong" in out
    assert "Reported: the answer is wrong." in out and "You have reported that question already." in out
    [reported] = await tutor.reported_questions(replace(ME, is_manager=True))
    assert reported.prompt == prompt and reported.reasons == {"wrong": 1} and not reported.suspended


async def test_a_full_disk_gives_one_clear_line_and_the_session_runs_on(
    tutor: Tutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    with disk_full(tutor.db, monkeypatch, "sqlite") as refused:
        out = await talk(tutor, "/timezone Europe/Berlin", "/quiz", "/streak")
    assert refused and out.count(DISK_FULL) == 2 and "Traceback" not in out
    assert "Streak: 0 days" in out and "Goodbye" in out  # read after the refused writes: still running
    assert "follow the server's time zone" in await talk(tutor, "/timezone")  # nothing was saved


async def test_a_follow_up_is_read_against_the_previous_question_of_the_session(tutor: Tutor) -> None:
    out = await talk(tutor, "What is the visibility timeout of an SQS queue?", "and what is its maximum?")
    assert out.count(FOLLOW_UP_NOTE) == 1 and "visibility timeout" in out.split(FOLLOW_UP_NOTE)[1]
