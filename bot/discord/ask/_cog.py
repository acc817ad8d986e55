"""/ask and answering when the bot is mentioned."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.ask._buttons import ANSWER_BUTTONS, answer_view
from bot.discord.formatting import NO_PINGS, answer_embed
from bot.knowledge.answering import Answer

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

ASK_RATE = 3  # questions per member ...
ASK_PER_SECONDS = 30.0  # ... in this many seconds


def _member_key(interaction: discord.Interaction) -> tuple[int | None, int]:
    return interaction.guild_id, interaction.user.id


def top_chunk(answer: Answer) -> str | None:
    return answer.hits[0].chunk.chunk_id if answer.hits and not answer.abstained else None


class AskCog(commands.Cog, name="Ask"):
    """Questions answered from the notes, with citations."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(*ANSWER_BUTTONS)

    @app_commands.command(name="ask", description="Ask a question about the notes")
    @app_commands.describe(question="Your question", private="Only you see the answer")
    @app_commands.checks.cooldown(ASK_RATE, ASK_PER_SECONDS, key=_member_key)
    async def ask(self, interaction: discord.Interaction, question: str, private: bool = False) -> None:
        await interaction.response.defer(ephemeral=private, thinking=True)
        answer = await self.bot.tutor.ask(question)
        await interaction.followup.send(
            embed=answer_embed(question, answer),
            view=answer_view(top_chunk(answer)),
            ephemeral=private,
            allowed_mentions=NO_PINGS,
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a message that mentions the bot (mentions carry their content without privileged intents)."""
        me = self.bot.user
        if message.author.bot or me is None or me not in message.mentions:
            return
        question = message.content.replace(f"<@{me.id}>", "").replace(f"<@!{me.id}>", "").strip()
        if not question:
            await message.reply(
                "Ask me a question about the notes, e.g. `@tutorbot what is S3?`", allowed_mentions=NO_PINGS
            )
            return
        answer = await self.bot.tutor.ask(question)
        await message.reply(
            embed=answer_embed(question, answer), view=answer_view(top_chunk(answer)), allowed_mentions=NO_PINGS
        )
