"""Persistent daily-quiz answer buttons: `tutor:daily:<post_id>:<choice index>` or `...:typed` (a modal)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.errors import reply_privately
from bot.discord.formatting import button_label, verdict_embed
from bot.discord.guard import TutorItem, TutorModal, clicked_label
from bot.discord.in_time import in_time
from bot.discord.members import who_from_interaction
from bot.discord.shared import ReportQuestion, leech_embeds, leech_view
from bot.quiz.grading import MAX_RESPONSE_LENGTH
from bot.quiz.item import QuizItem, answer_options

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

TYPED = "typed"
CUSTOM_ID = re.compile(r"tutor:daily:(?P<post>\d+):(?P<choice>\d+|typed)")


def posted_by_custom_id(custom_id: str | None) -> int | None:
    """The daily post a button's custom_id belongs to, or None for any other component."""
    match = CUSTOM_ID.fullmatch(custom_id or "")
    return int(match["post"]) if match else None


async def answer_daily(interaction: discord.Interaction[TutorBot], post_id: int, response: str) -> None:
    """Grade the member's one answer and tell only them whether it was right, and why (in time, however slow
    the database is)."""
    who = who_from_interaction(interaction)
    graded = await in_time(
        interaction.client.tutor.answer_daily(who, post_id, response, str(interaction.id)),
        lambda: interaction.response.defer(ephemeral=True, thinking=True),
    )
    embeds = [verdict_embed(graded.correct, graded.expected, graded.note, graded.prompt, graded.points)]
    if graded.set_aside is None:
        await reply_privately(interaction, embeds=embeds)
        return
    embeds += leech_embeds(graded.set_aside)
    await reply_privately(interaction, embeds=embeds, view=leech_view(graded.prompt.id))


class DailyAnswerModal(TutorModal, title="Daily quiz"):
    response: discord.ui.TextInput = discord.ui.TextInput(
        label="Answer", custom_id="tutor:daily:text", max_length=MAX_RESPONSE_LENGTH
    )

    def __init__(self, post_id: int) -> None:
        super().__init__()
        self.post_id = post_id

    async def submit(self, interaction: discord.Interaction[TutorBot]) -> None:
        await answer_daily(interaction, self.post_id, self.response.value)


class DailyAnswer(TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=CUSTOM_ID):
    """One answer button of a daily post; the prompt is the one kept with the post."""

    def __init__(self, post_id: int, choice: str, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=button_label(label),
                style=discord.ButtonStyle.primary,
                custom_id=f"tutor:daily:{post_id}:{choice}",
            )
        )
        self.post_id = post_id
        self.choice = choice

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DailyAnswer:
        return cls(int(match["post"]), match["choice"], clicked_label(item))

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        if self.choice == TYPED:
            await interaction.response.send_modal(DailyAnswerModal(self.post_id))
            return
        daily = await interaction.client.tutor.daily_quiz(self.post_id)
        choices = answer_options(daily.prompt) or ()
        index = int(self.choice)
        if index >= len(choices):
            await interaction.response.send_message("That choice is no longer valid.", ephemeral=True)
            return
        await answer_daily(interaction, self.post_id, choices[index])


def daily_view(post_id: int, prompt: QuizItem) -> discord.ui.View:
    """One button per answer a member picks from (choices, True/False), else Answer (opens an answer box)."""
    view = discord.ui.View(timeout=None)
    if options := answer_options(prompt):
        for index, choice in enumerate(options):
            view.add_item(DailyAnswer(post_id, str(index), choice))
    else:
        view.add_item(DailyAnswer(post_id, TYPED, "Answer"))
    view.add_item(ReportQuestion(prompt.id))
    return view
