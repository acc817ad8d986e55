"""A quiz round on one ephemeral message: question, answer, verdict and the next question, then a summary.

The buttons are persistent items whose custom ids carry the round, the question and the choice
(`tutor:round:<round>:<question>:<choice>` or `...:typed`); the round itself lives in the service, so a button
of a round that ended (or was lost in a restart) gets a clear answer instead of silence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.formatting import add_field, button_label, make_embed, prompt_embed, verdict_embed
from bot.discord.guard import TutorItem, TutorModal, clicked_label
from bot.discord.in_time import in_time
from bot.discord.members import who_from_interaction
from bot.discord.shared.leeches import leech_embeds, leech_view
from bot.discord.shared.reporting import ReportQuestion
from bot.errors import NotFound
from bot.quiz.grading import MAX_RESPONSE_LENGTH
from bot.quiz.item import answer_options
from bot.service.types import GradedAnswer, QuizRound, RoundSummary
from bot.wording import plural

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

TYPED = "typed"
CUSTOM_ID = re.compile(r"tutor:round:(?P<round>[0-9a-f]+):(?P<index>\d+):(?P<choice>\d+|typed)")


async def start_round(
    interaction: discord.Interaction[TutorBot], *, topic: str | None, length: int | None, review: bool
) -> None:
    """Open a round for the member and show its first question (or say there is nothing to do); `length` None:
    the service's length for the kind of round."""
    tutor = interaction.client.tutor
    quiz = await tutor.start_quiz(who_from_interaction(interaction), topic, length, review)
    text = "Nothing is due for review right now. Try /quiz for new questions." if review else "No questions found."
    await show_round(interaction, quiz, text)


async def show_round(interaction: discord.Interaction[TutorBot], quiz: QuizRound, nothing: str) -> None:
    """The round's first question, privately (or `nothing` when the round has no question)."""
    if not quiz.prompts:
        await interaction.response.send_message(nothing, ephemeral=True)
        return
    await interaction.response.send_message(embed=question_embed(quiz, 0), view=round_view(quiz, 0), ephemeral=True)


def question_embed(quiz: QuizRound, index: int) -> discord.Embed:
    kind = "Review" if quiz.review else "Quiz"
    return prompt_embed(quiz.prompts[index], f"{kind} {index + 1}/{len(quiz.prompts)}")


def round_view(quiz: QuizRound, index: int) -> discord.ui.View:
    """The buttons for question `index`: one per answer to pick (choices, True/False), or Answer (an answer box); then
    Report."""
    view = discord.ui.View(timeout=None)
    prompt = quiz.prompts[index]
    if options := answer_options(prompt):
        for number, choice in enumerate(options):
            view.add_item(RoundAnswer(quiz.round_id, index, str(number), choice))
    else:
        view.add_item(RoundAnswer(quiz.round_id, index, TYPED, "Answer"))
    view.add_item(ReportQuestion(prompt.id))
    return view


def summary_embed(summary: RoundSummary) -> discord.Embed:
    embed = make_embed(
        "Round finished",
        f"**{summary.correct}/{summary.answered}** correct, **{summary.points}** points. "
        f"Streak: {plural(summary.streak.current, 'day')}.",
    )
    if summary.missed:
        add_field(embed, "To look at again", "\n".join(f"• {p.question}" for p in summary.missed))
    return embed


def _verdict(graded: GradedAnswer) -> discord.Embed:
    return verdict_embed(graded.correct, graded.expected, graded.note, graded.prompt, graded.points)


async def answer_question(interaction: discord.Interaction[TutorBot], round_id: str, index: int, response: str) -> None:
    """Grade the answer to question `index`, then show the verdict with the next question (or the summary), in
    time however slow the database is."""
    graded, embeds, following = await in_time(
        _grade(interaction, round_id, index, response), interaction.response.defer
    )
    if interaction.response.is_done():
        await interaction.edit_original_response(embeds=embeds, view=following)
    else:
        await interaction.response.edit_message(embeds=embeds, view=following)
    if graded.set_aside is not None:
        await interaction.followup.send(
            embeds=leech_embeds(graded.set_aside), view=leech_view(graded.prompt.id), ephemeral=True
        )


async def _grade(
    interaction: discord.Interaction[TutorBot], round_id: str, index: int, response: str
) -> tuple[GradedAnswer, list[discord.Embed], discord.ui.View | None]:
    tutor = interaction.client.tutor
    who = who_from_interaction(interaction)
    quiz = _question(tutor.quiz_round(who, round_id), index)
    graded = await tutor.answer(who, quiz.prompts[index].id, response, round_id, str(interaction.id))
    embeds = [_verdict(graded)]
    if index + 1 < len(quiz.prompts):
        return graded, [*embeds, question_embed(quiz, index + 1)], round_view(quiz, index + 1)
    return graded, [*embeds, summary_embed(await tutor.finish_round(who, round_id))], None


def _question(quiz: QuizRound, index: int) -> QuizRound:
    if index >= len(quiz.prompts):
        raise NotFound("That question is not part of this round; start a new one with /quiz.")
    return quiz


class AnswerModal(TutorModal, title="Your answer"):
    """A typed answer to one question of a round."""

    response: discord.ui.TextInput = discord.ui.TextInput(
        label="Answer", custom_id="tutor:answer:text", max_length=MAX_RESPONSE_LENGTH
    )

    def __init__(self, round_id: str, index: int) -> None:
        super().__init__()
        self.round_id = round_id
        self.index = index

    async def submit(self, interaction: discord.Interaction[TutorBot]) -> None:
        await answer_question(interaction, self.round_id, self.index, self.response.value)


class RoundAnswer(TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=CUSTOM_ID):
    """One answer button of a round's question: a choice, or Answer (opens an answer box)."""

    def __init__(self, round_id: str, index: int, choice: str, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=button_label(label),
                style=discord.ButtonStyle.primary,
                custom_id=f"tutor:round:{round_id}:{index}:{choice}",
            )
        )
        self.round_id = round_id
        self.index = index
        self.choice = choice

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RoundAnswer:
        return cls(match["round"], int(match["index"]), match["choice"], clicked_label(item))

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        quiz = _question(
            interaction.client.tutor.quiz_round(who_from_interaction(interaction), self.round_id), self.index
        )
        if self.choice == TYPED:
            await interaction.response.send_modal(AnswerModal(self.round_id, self.index))
            return
        choices = answer_options(quiz.prompts[self.index]) or ()
        if int(self.choice) >= len(choices):
            raise NotFound("That choice is no longer valid; start a new round with /quiz.")
        await answer_question(interaction, self.round_id, self.index, choices[int(self.choice)])
