"""The private mock-exam flow on one ephemeral message: a question, its choices, navigation, flags, a review page.

Every button is a persistent item whose custom id carries the mock, the question and the action
(`tutor:mock:<mock>:<question>:<action>`: `c<k>` picks choice k, `go` shows that question, `flag` flags or unflags
it, `review` shows the review page, `done` submits); the mock lives in the database, so after a restart the same
buttons work on. A click on a mock past its deadline gets its report: the mock was submitted as it stood.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.formatting import add_field, button_label, clip, make_embed, safe
from bot.discord.guard import TutorItem, clicked_label
from bot.discord.members import who_from_interaction
from bot.discord.mock._report import duration, report_messages
from bot.service.types import MockReport, MockSession

if TYPE_CHECKING:
    from bot.discord.client import TutorBot
    from bot.tutor import Tutor

CUSTOM_ID = re.compile(r"tutor:mock:(?P<mock>\d+):(?P<index>\d+):(?P<action>c\d+|go|flag|review|done)")
NIGHT_ID = re.compile(r"tutor:mocknight:(?P<night>\d+)")
LETTERS = string.ascii_uppercase
NUMBERS_SHOWN = 40  # question numbers listed on the review page per kind


def question_embed(session: MockSession, index: int, note: str = "") -> discord.Embed:
    question = session.questions[index]
    item = question.item
    flagged = " ⚑" if index in session.flags else ""
    lines = [safe(item.question), ""]
    if item.choices:
        lines += [f"**{LETTERS[i]}.** {safe(choice)}" for i, choice in enumerate(question.choices)]
    chosen = session.answers.get(index)
    lines.append("")
    lines.append(
        f"Your answer: **{_choice_name(session, index, chosen)}**" if chosen is not None else "Not answered yet."
    )
    ends = int(session.deadline.timestamp())
    lines.append(f"Ends <t:{ends}:R> (<t:{ends}:t>).")
    if note:
        lines.insert(0, f"*{note}*\n")
    embed = make_embed(f"Mock exam · question {index + 1}/{len(session.questions)}{flagged}", "\n".join(lines))
    answered, flags = len(session.answers), len(session.flags)
    embed.set_footer(
        text=clip(f"{question.domain} · answered {answered}/{len(session.questions)} · flagged {flags}", 2048)
    )
    return embed


def _choice_name(session: MockSession, index: int, choice: int) -> str:
    question = session.questions[index]
    return LETTERS[choice] if question.item.choices else question.choices[choice]


def question_view(session: MockSession, index: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    question = session.questions[index]
    chosen = session.answers.get(index)
    for number, choice in enumerate(question.choices[: len(LETTERS)]):
        label = LETTERS[number] if question.item.choices else choice
        style = discord.ButtonStyle.success if number == chosen else discord.ButtonStyle.secondary
        view.add_item(MockButton(session.id, index, f"c{number}", label, style, row=number // 5))
    nav_row = 1 + (len(question.choices) - 1) // 5
    last = len(session.questions) - 1
    view.add_item(MockButton(session.id, max(0, index - 1), "go", "◀ Previous", row=nav_row, disabled=index == 0))
    view.add_item(MockButton(session.id, min(last, index + 1), "go", "Next ▶", row=nav_row, disabled=index == last))
    flag = "Unflag" if index in session.flags else "⚑ Flag for review"
    view.add_item(MockButton(session.id, index, "flag", flag, row=nav_row))
    view.add_item(MockButton(session.id, index, "review", "Review & submit", discord.ButtonStyle.primary, row=nav_row))
    return view


def review_embed(session: MockSession) -> discord.Embed:
    total = len(session.questions)
    embed = make_embed(
        "Mock exam · review",
        f"Answered **{len(session.answers)}/{total}**. Ends <t:{int(session.deadline.timestamp())}:R>.\n"
        "Submit when you are done; unanswered questions count as wrong.",
    )
    add_field(embed, "Flagged for review", _numbers(sorted(session.flags)) or "none")
    add_field(embed, "Not answered", _numbers(session.unanswered) or "none")
    return embed


def _numbers(indices: list[int] | tuple[int, ...]) -> str:
    shown = ", ".join(str(i + 1) for i in indices[:NUMBERS_SHOWN])
    return shown + (f" and {len(indices) - NUMBERS_SHOWN} more" if len(indices) > NUMBERS_SHOWN else "")


def review_view(session: MockSession) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(MockButton(session.id, session.position, "go", "◀ Back to the questions"))
    if session.flags:
        view.add_item(MockButton(session.id, min(session.flags), "go", "First flagged"))
    if session.unanswered:
        view.add_item(MockButton(session.id, session.unanswered[0], "go", "First unanswered"))
    view.add_item(MockButton(session.id, 0, "done", "Submit now", discord.ButtonStyle.danger))
    return view


async def show_report(interaction: discord.Interaction[TutorBot], report: MockReport, *, note: str = "") -> None:
    """Replace the mock's message with its report (more messages follow privately when the misses need them)."""
    messages = report_messages(report)
    if note:
        messages[0][0].description = clip(f"*{note}*\n{messages[0][0].description}", 4096)
    await interaction.response.edit_message(embeds=messages[0], view=None)
    for embeds in messages[1:]:
        await interaction.followup.send(embeds=embeds, ephemeral=True)


TIME_UP = "Time was up: your mock exam was submitted as it stood."


async def show_session(
    interaction: discord.Interaction[TutorBot], tutor: Tutor, session: MockSession, *, note: str = ""
) -> None:
    """The mock at its current question, or its report once submitted (edits the clicked message)."""
    if session.submitted_at is not None:
        report = await tutor.mocks.submit(who_from_interaction(interaction), session.id)
        await show_report(interaction, report, note=TIME_UP if report.auto_submitted else "")
        return
    await interaction.response.edit_message(
        embed=question_embed(session, session.position, note), view=question_view(session, session.position)
    )


class MockButton(TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=CUSTOM_ID):
    """One button of the mock flow (see the module's docstring for its custom id)."""

    def __init__(
        self,
        mock_id: int,
        index: int,
        action: str,
        label: str,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        *,
        row: int | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=button_label(label),
                style=style,
                custom_id=f"tutor:mock:{mock_id}:{index}:{action}",
                row=row,
                disabled=disabled,
            )
        )
        self.mock_id = mock_id
        self.index = index
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> MockButton:
        return cls(int(match["mock"]), int(match["index"]), match["action"], clicked_label(item))

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        tutor = interaction.client.tutor
        who = who_from_interaction(interaction)
        mocks = tutor.mocks
        if self.action == "done":
            report = await mocks.submit(who, self.mock_id)
            await show_report(interaction, report, note=TIME_UP if report.auto_submitted else "")
            return
        if self.action.startswith("c"):
            session = await mocks.choose(who, self.mock_id, self.index, int(self.action[1:]))
        elif self.action == "flag":
            session = await mocks.flag(who, self.mock_id, self.index)
        elif self.action == "go":
            session = await mocks.move(who, self.mock_id, self.index)
        else:
            session = await mocks.session(who, self.mock_id)
            if session.submitted_at is None:
                await interaction.response.edit_message(embed=review_embed(session), view=review_view(session))
                return
        await show_session(interaction, tutor, session)


class TakeNightMock(TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=NIGHT_ID):
    """The button under a mock night's announcement: the member's own attempt, privately."""

    def __init__(self, night_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Take the mock", style=discord.ButtonStyle.primary, custom_id=f"tutor:mocknight:{night_id}"
            )
        )
        self.night_id = night_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> TakeNightMock:
        return cls(int(match["night"]))

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        tutor = interaction.client.tutor
        who = who_from_interaction(interaction)
        session = await tutor.mocks.join_night(who, self.night_id)
        if session.submitted_at is not None:
            report = await tutor.mocks.submit(who, session.id)
            messages = report_messages(report)
            await interaction.response.send_message(
                "You took this mock night already; your report:", embeds=messages[0], ephemeral=True
            )
            return
        time = duration(session.deadline - session.started_at)
        note = "Resumed your attempt." if session.resumed else f"Mock night: {time} for you."
        await interaction.response.send_message(
            embed=question_embed(session, session.position, note),
            view=question_view(session, session.position),
            ephemeral=True,
        )


def night_view(night_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(TakeNightMock(night_id))
    return view
