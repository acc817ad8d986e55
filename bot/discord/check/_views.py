"""The /check modal (the pasted question, how many answers) and the button under the reply."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.discord.check._embed import check_embed
from bot.discord.formatting import NO_PINGS
from bot.discord.guard import TutorModal
from bot.discord.shared import QuizOnTopic
from bot.errors import InvalidInput
from bot.knowledge.practice import CheckResult, parse_question
from bot.knowledge.practice.parsing import MAX_OPTIONS, MAX_QUESTION_CHARS

if TYPE_CHECKING:
    from bot.discord.client import TutorBot
    from bot.tutor import Tutor

PLACEHOLDER = "Question…\nA. …\nB. …"


def how_many(text: str) -> int | None:
    """The optional number of answers typed in the modal; None when left empty."""
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise InvalidInput(f"'How many answers' should be a number from 1 to {MAX_OPTIONS - 1}, or left empty.")
    return int(text.strip())


async def topic_chunk(tutor: Tutor, guild_id: int | None, result: CheckResult) -> str | None:
    """The id of the server's notes passage the strongest evidence comes from (None when the notes do not settle
    the question)."""
    best = max((passages[0] for passages in result.evidence if passages), key=lambda e: e.score, default=None)
    if result.abstained or best is None:
        return None
    cited = best.citation
    chunk = await tutor.passage_at(guild_id, cited.source, cited.start_line, cited.end_line)
    return None if chunk is None else chunk.chunk_id


def check_view(chunk_id: str | None) -> discord.ui.View:
    """A persistent "Quiz me on this topic" button (the one under /ask answers) when a passage backs the pick."""
    view = discord.ui.View(timeout=None)
    if chunk_id:
        view.add_item(QuizOnTopic(chunk_id))
    return view


class CheckModal(TutorModal, title="Check a practice question"):
    """The pasted question and, optionally, how many answers it wants."""

    pasted: discord.ui.TextInput = discord.ui.TextInput(
        label="Question and options",
        style=discord.TextStyle.paragraph,
        custom_id="tutor:check:text",
        placeholder=PLACEHOLDER,
        max_length=MAX_QUESTION_CHARS,
    )
    answers: discord.ui.TextInput = discord.ui.TextInput(
        label="How many answers (optional)",
        custom_id="tutor:check:select",
        placeholder="1",
        required=False,
        max_length=1,
    )

    def __init__(self, private: bool) -> None:
        super().__init__()
        self.private = private

    async def submit(self, interaction: discord.Interaction[TutorBot]) -> None:
        # A bad paste is refused privately, before the (public) "thinking…".
        question = parse_question(self.pasted.value, how_many(self.answers.value))
        await interaction.response.defer(thinking=True, ephemeral=self.private)
        tutor = interaction.client.tutor
        result = await tutor.check(question, guild_id=interaction.guild_id)
        await interaction.followup.send(
            embed=check_embed(result),
            view=check_view(await topic_chunk(tutor, interaction.guild_id, result)),
            ephemeral=self.private,
            allowed_mentions=NO_PINGS,
        )
