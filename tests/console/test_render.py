"""What the terminal shows for an answer: markdown rendered (no markers), wrapped between words, plain wording."""

from __future__ import annotations

import io

from bot.console import plain_console
from bot.console._render import render_answer, render_summary, render_table
from bot.knowledge.answerability import CoverageOutcome
from bot.knowledge.answering import Answer, AnswerSection, Citation
from bot.knowledge.errata import Erratum
from bot.pictures import LeaderboardEntry, LeaderboardImageData, MasteryData, leaderboard_table, mastery_table
from bot.progress.streaks import Streak
from bot.quiz.mastery import TopicMastery
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
    fields: dict[str, object] = {"query": "q", "lead": "", "abstained": False, "confidence": 0.8}
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
        render_answer(
            answer(
                coverage=CoverageOutcome.PARTIAL,
                missing="The notes do not give the price",
                lead="The notes do not give the price; what they say nearby:",
            )
        ),
        width=100,
    )
    assert out.startswith("The notes do not give the price; what they say nearby:")


def test_plurals_in_the_round_summary() -> None:
    one = shown(render_summary(RoundSummary(1, 1, 10, Streak(1, 2, 1, True, None))), width=100)
    assert "Streak: 1 day (best 2 days; 1 freeze held" in one and "(s)" not in one


def test_a_table_is_a_terminal_table_without_a_code_fence_and_shows_names_literally() -> None:
    entries = (LeaderboardEntry(1, "[bold]Ada[/]", 1234, 3), LeaderboardEntry(7, "Bo", 12, 1, is_asker=True))
    out = shown(render_table(leaderboard_table(LeaderboardImageData("Server", "This week", entries))), width=100)
    lines = out.splitlines()
    assert "```" not in out and lines[0] == "Server leaderboard · This week"
    header = next(line for line in lines if "Member" in line)
    ada = next(line for line in lines if "[bold]Ada[/]" in line)
    bo = next(line for line in lines if "Bo " in line)
    assert bo.startswith(">") and not ada.startswith(">") and "> marks you" in out
    assert header.index("Points") + len("Points") == ada.index("1,234") + len("1,234") == bo.index("12") + 2
    assert any(line.strip() == "⋯" for line in lines)


def test_an_empty_table_says_so_and_a_figure_column_is_never_cut() -> None:
    empty = shown(render_table(leaderboard_table(LeaderboardImageData("Server", "This week"))), width=100)
    assert "No points yet" in empty
    topics = (TopicMastery("Storage", 0.5, 10, 3), TopicMastery("Compute", 0.0, 10, 0))
    chart = shown(render_table(mastery_table(MasteryData("Ada", topics, "Storage"))), width=100)
    assert "not started" in chart and "50%  ← study next" in chart


def test_an_out_of_date_line_is_shown_with_its_correction_under_the_passage() -> None:
    stale = Erratum("kept 4 days", "Kept 7 days since the 2030 release.", "Release notes")
    section = AnswerSection(Citation("notes.md", ("Queues",), 3, 5), "- kept 4 days", (stale,))
    out = shown(render_answer(Answer("q", "", abstained=False, confidence=0.9, sections=(section,))), width=120)
    assert 'Out of date: "kept 4 days": Kept 7 days since the 2030 release. (Release notes)' in out
