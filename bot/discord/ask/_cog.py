"""/ask, and answering when the bot is mentioned or sent a direct message."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.ask._buttons import ANSWER_BUTTONS, answer_view
from bot.discord.formatting import NO_PINGS, answer_embed
from bot.discord.guard import MemberRateLimit
from bot.knowledge.answering import Answer
from bot.service.followups import Conversation

if TYPE_CHECKING:
    from bot.discord.client import TutorBot


def top_chunk(answer: Answer) -> str | None:
    return answer.hits[0].passage.chunk_id if answer.hits and not answer.abstained else None


class AskCog(commands.Cog, name="Ask"):
    """Questions answered from the notes, with citations."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        knobs = bot.settings.discord
        self.limit = MemberRateLimit(knobs.ask_rate, knobs.ask_per_seconds)  # every way of asking, together

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(*ANSWER_BUTTONS)

    @app_commands.command(name="ask", description="Ask a question about the notes")
    @app_commands.describe(question="Your question", private="Only you see the answer")
    async def ask(self, interaction: discord.Interaction[TutorBot], question: str, private: bool = False) -> None:
        self.limit.check(interaction.guild_id, interaction.user.id)
        await interaction.response.defer(ephemeral=private, thinking=True)
        where = Conversation(interaction.guild_id or 0, interaction.channel_id or 0, interaction.user.id)
        answer = await self.bot.tutor.ask(question, where=where)
        await interaction.followup.send(
            embed=answer_embed(question, answer),
            view=answer_view(top_chunk(answer)),
            ephemeral=private,
            allowed_mentions=NO_PINGS,
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a direct message, or a server message that mentions the bot (both carry their content without
        privileged intents). Errors go to the bot's `on_error`, which answers the member."""
        me = self.bot.user
        direct = message.guild is None
        if message.author.bot or me is None or not (direct or me in message.mentions):
            return
        question = message.content.replace(f"<@{me.id}>", "").replace(f"<@!{me.id}>", "").strip()
        if not question:
            example = await self.bot.tutor.example_question(message.guild.id if message.guild else None)
            await message.reply(mention_hint(example), allowed_mentions=NO_PINGS)
            return
        self.limit.check(message.guild.id if message.guild else None, message.author.id)
        where = Conversation(message.guild.id if message.guild else 0, message.channel.id, message.author.id)
        answer = await self.bot.tutor.ask(question, where=where)
        await message.reply(
            embed=answer_embed(question, answer), view=answer_view(top_chunk(answer)), allowed_mentions=NO_PINGS
        )


def mention_hint(example: str) -> str:
    """What to tell a member who mentioned the bot without a question: how to ask, with the notes' example."""
    if not example:
        return "Ask me a question about the notes: mention me, then write your question."
    return f"Ask me a question about the notes, e.g. `@tutorbot {example}`"
