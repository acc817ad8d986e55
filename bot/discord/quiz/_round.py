"""A quiz round on one ephemeral message: question, answer, verdict and the next question, then a summary."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.formatting import add_field, button_label, make_embed, prompt_embed, verdict_embed
from bot.discord.guard import TutorModal, TutorView, guarded
from bot.discord.members import who_from_interaction
from bot.quiz.grading import MAX_RESPONSE_LENGTH
from bot.service.types import GradedAnswer, QuizRound, RoundSummary
from bot.wording import plural

if TYPE_CHECKING:
    from bot.discord.client import TutorBot
    from bot.quiz.prompt import Prompt

ROUND_TIMEOUT_SECONDS = 900.0
Answering = Callable[[discord.Interaction, str], Coroutine[Any, Any, None]]


def _bot(interaction: discord.Interaction) -> TutorBot:
    return interaction.client  # type: ignore[return-value]


async def start_round(interaction: discord.Interaction, *, topic: str | None, length: int, review: bool) -> None:
    """Open a round for the member and show its first question (or say there is nothing to do)."""
    tutor = _bot(interaction).tutor
    quiz = await tutor.start_quiz(who_from_interaction(interaction), topic, length, review)
    if not quiz.prompts:
        text = "Nothing is due for review right now. Try /quiz for new questions." if review else "No questions found."
        await interaction.response.send_message(text, ephemeral=True)
        return
    view = RoundView(quiz, 0)
    await interaction.response.send_message(embed=view.question_embed(), view=view, ephemeral=True)


class AnswerModal(TutorModal, title="Your answer"):
    """A typed answer to one question."""

    response: discord.ui.TextInput = discord.ui.TextInput(
        label="Answer", custom_id="tutor:answer:text", max_length=MAX_RESPONSE_LENGTH
    )

    def __init__(self, on_answer: Answering) -> None:
        super().__init__()
        self.on_answer = on_answer

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.on_answer(interaction, self.response.value)


def summary_embed(summary: RoundSummary) -> discord.Embed:
    embed = make_embed(
        "Round finished",
        f"**{summary.correct}/{summary.answered}** correct, **{summary.points}** points. "
        f"Streak: {plural(summary.streak.current, 'day')}.",
    )
    if summary.missed:
        add_field(embed, "To look at again", "\n".join(f"• {p.question}" for p in summary.missed))
    return embed


class RoundView(TutorView):
    """The buttons for question `index` of a round: one per choice, or Answer (opens a modal)."""

    def __init__(self, quiz: QuizRound, index: int) -> None:
        super().__init__(timeout=ROUND_TIMEOUT_SECONDS)
        self.quiz = quiz
        self.index = index
        if self.prompt.choices:
            for choice in self.prompt.choices:
                self.add_item(_ChoiceButton(choice, self.answer))
        else:
            self.add_item(_TypedButton(self.answer))

    @property
    def prompt(self) -> Prompt:
        return self.quiz.prompts[self.index]

    def question_embed(self) -> discord.Embed:
        kind = "Review" if self.quiz.review else "Quiz"
        return prompt_embed(self.prompt, f"{kind} {self.index + 1}/{len(self.quiz.prompts)}")

    async def answer(self, interaction: discord.Interaction, response: str) -> None:
        await guarded(interaction, self._grade(interaction, response))

    async def _grade(self, interaction: discord.Interaction, response: str) -> None:
        tutor = _bot(interaction).tutor
        who = who_from_interaction(interaction)
        graded = await tutor.answer(who, self.prompt.id, response, self.quiz.round_id, str(interaction.id))
        embeds = [_verdict(graded)]
        following: discord.ui.View | None = None
        if self.index + 1 < len(self.quiz.prompts):
            following = RoundView(self.quiz, self.index + 1)
            embeds.append(following.question_embed())  # type: ignore[attr-defined]
        else:
            embeds.append(summary_embed(await tutor.finish_round(who, self.quiz.round_id)))
        self.stop()
        await interaction.response.edit_message(embeds=embeds, view=following)


def _verdict(graded: GradedAnswer) -> discord.Embed:
    return verdict_embed(graded.correct, graded.expected, graded.note, graded.prompt, graded.points)


class _ChoiceButton(discord.ui.Button["RoundView"]):
    def __init__(self, choice: str, on_answer: Answering) -> None:
        super().__init__(label=button_label(choice), style=discord.ButtonStyle.primary)
        self.choice = choice
        self.on_answer = on_answer

    async def callback(self, interaction: discord.Interaction) -> None:
        await self.on_answer(interaction, self.choice)


class _TypedButton(discord.ui.Button["RoundView"]):
    def __init__(self, on_answer: Answering) -> None:
        super().__init__(label="Answer", style=discord.ButtonStyle.primary)
        self.on_answer = on_answer

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(AnswerModal(self.on_answer))
