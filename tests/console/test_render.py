"""What the terminal shows for an answer: markdown rendered (no markers), wrapped between words, plain wording."""

from __future__ import annotations

import io

from bot.console import plain_console
from bot.console._render import render_answer, render_summary
from bot.knowledge.answerability import CoverageOutcome
from bot.knowledge.answering import Answer, AnswerSection, Citation
from bot.progress.streaks import Streak
from bot.service.types import RoundSummary

TEXT = (
    "Set **reserved concurrency** with `PutFunctionConcurrency`; the header \\_X_AMZN_TRACE_ID carries the trace.\n\n"
    "- first point\n- second point"
)


def shown(renderable: object, width: int = 40) -> str:
    out = io.StringIO()
    plain_console(out, width).print(renderable)
    return out.getvalue()


def answer(**changes: object) -> Answer:
    section = AnswerSection(Citation("notes.md", ("Lambda", "Concurrency"), 12, 12), TEXT)
    fields: dict[str, object] = {"query": "q", "text": TEXT, "abstained": False, "confidence": 0.8}
    return Answer(**{**fields, "sections": (section,), **changes})  # type: ignore[arg-type]


def test_markdown_is_rendered_without_its_markers_and_wrapped_between_words() -> None:
    out = shown(render_answer(answer()))
    assert "**" not in out and "`" not in out and "\\_" not in out
    assert "reserved concurrency" in out and "_X_AMZN_TRACE_ID" in out and "• first point" in out
    lines = [line.rstrip() for line in out.splitlines() if line.strip()]
    assert max(len(line) for line in lines) <= 40
    words = set(TEXT.replace("**", "").replace("`", "").replace("\\", "").split())
    footer = next(i for i, line in enumerate(lines) if line.startswith("How closely"))
    passage = [w for line in lines[1:footer] for w in line.split() if w != "•"]
    assert len(passage) > 10
    assert all(word in words for word in passage)


def test_one_line_citation_and_confidence_in_words() -> None:
    out = shown(render_answer(answer()), width=100)
    assert "Lambda › Concurrency, line 12" in out and "lines 12–12" not in out
    assert "How closely the notes match your question: high." in out and "0.8" not in out
    assert "Check the passages above" in shown(render_answer(answer(confidence=0.3)), width=100)


def test_a_partial_answer_says_first_what_the_notes_do_not_say() -> None:
    out = shown(
        render_answer(answer(coverage=CoverageOutcome.PARTIAL, missing="The notes do not give the price")), width=100
    )
    assert out.startswith("The notes do not give the price; what they say nearby:")


def test_plurals_in_the_round_summary() -> None:
    one = shown(render_summary(RoundSummary(1, 1, 10, Streak(1, 2, 1, True, None))), width=100)
    assert "Streak: 1 day (best 2 days; 1 freeze held" in one and "(s)" not in one
