"""A tiny discord.py bot that exercises every feature the harness must carry over the wire."""

from __future__ import annotations

import asyncio
import io
import re

import discord
from discord import app_commands
from discord.ext import commands

TOPICS = ("storage", "compute", "security", "serverless")
NO_PINGS = discord.AllowedMentions.none()


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button], template=r"demo:answer:(?P<choice>[a-z])"):
    """A persistent answer button whose custom_id carries the choice (works after a restart)."""

    def __init__(self, choice: str) -> None:
        super().__init__(discord.ui.Button(label=f"Pick {choice}", custom_id=f"demo:answer:{choice}"))
        self.choice = choice

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> AnswerButton:
        return cls(match["choice"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"You picked {self.choice}", ephemeral=True)


class PingView(discord.ui.View):
    """A persistent view with a fixed custom_id; clicking edits the message in place."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Ping", custom_id="demo:ping")
    async def ping(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content="pong", view=self)

    @discord.ui.select(custom_id="demo:topic", options=[discord.SelectOption(label=t) for t in TOPICS])
    async def topic(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.send_message(f"Topic {select.values[0]}", ephemeral=True)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    """A one-field modal."""

    text: discord.ui.TextInput = discord.ui.TextInput(label="Your feedback", custom_id="feedback:text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"Thanks: {self.text.value}", ephemeral=True)


def answer_view() -> discord.ui.View:
    """Two answer buttons."""
    view = discord.ui.View(timeout=None)
    for choice in "ab":
        view.add_item(AnswerButton(choice))
    return view


class DemoBot(commands.Bot):
    """The demo bot: slash commands, views, a modal and a mention reply."""

    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned, intents=discord.Intents.default(), guild_ready_timeout=0.01
        )
        self.tree.add_command(ask)
        self.tree.add_command(quiz)
        self.tree.add_command(feedback)
        self.tree.add_command(announce)
        self.tree.add_command(admin)
        self.tree.add_command(later)
        self.waiting = asyncio.Event()  # set when /later has started
        self.release = asyncio.Event()  # /later answers once the test sets it

    async def setup_hook(self) -> None:
        self.add_dynamic_items(AnswerButton)
        self.add_view(PingView())

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.user is None:
            return
        if message.guild is None:
            await message.author.send(f"Got your DM: {message.content}", allowed_mentions=NO_PINGS)
        elif self.user in message.mentions:
            text = message.content.replace(self.user.mention, "").strip()
            await message.reply(f"You said: {text}", allowed_mentions=NO_PINGS)


@app_commands.command(description="Ask a question")
@app_commands.describe(question="What to ask", topic="Which topic", private="Only you see the answer")
async def ask(interaction: discord.Interaction, question: str, topic: str, private: bool = False) -> None:
    await interaction.response.send_message(
        f"Q: {question} [{topic}]", ephemeral=private, view=answer_view(), allowed_mentions=NO_PINGS
    )


@ask.autocomplete("topic")
async def topic_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    if current == "*":  # more choices than Discord takes, for the fake's refusal
        return [app_commands.Choice(name=f"topic {n}", value=f"topic {n}") for n in range(26)]
    return [app_commands.Choice(name=t, value=t) for t in TOPICS if t.startswith(current)]


quiz = app_commands.Group(name="quiz", description="Quizzes")


@quiz.command(name="start", description="Start a quiz")
async def quiz_start(interaction: discord.Interaction, count: int, where: discord.TextChannel | None = None) -> None:
    await interaction.response.defer(thinking=True)
    card = discord.File(io.BytesIO(b"\x89PNG fake"), filename="card.png")
    target = where.mention if where else "here"
    await interaction.followup.send(f"Quiz of {count} {target}", file=card)
    await interaction.edit_original_response(content="Quiz ready")


@app_commands.command(description="Send feedback")
async def feedback(interaction: discord.Interaction) -> None:
    await interaction.response.send_modal(FeedbackModal())


@app_commands.command(description="Post an announcement")
async def announce(interaction: discord.Interaction, text: str) -> None:
    assert isinstance(interaction.channel, discord.TextChannel)
    message = await interaction.channel.send(text, view=PingView(), allowed_mentions=NO_PINGS)
    await message.edit(content=f"{text} (edited)")
    await interaction.response.send_message("Posted", ephemeral=True)


@app_commands.command(description="Server managers only")
@app_commands.default_permissions(manage_guild=True)
@app_commands.checks.has_permissions(manage_guild=True)
async def admin(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("Admin ok", ephemeral=True)


@admin.error
async def admin_denied(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
    await interaction.response.send_message("Not allowed", ephemeral=True)


@app_commands.command(description="Answer (or follow up, after a defer) only once the test releases it")
async def later(interaction: discord.Interaction, defer: bool = False) -> None:
    bot = interaction.client
    assert isinstance(bot, DemoBot)
    if defer:
        await interaction.response.defer(ephemeral=True)
    bot.waiting.set()
    await bot.release.wait()
    if defer:
        await interaction.followup.send("done", ephemeral=True)
    else:
        await interaction.response.send_message("done", ephemeral=True)
