"""Mock exams: /mock start, resume, report and night; a loop submits mocks at their deadline and posts the results
of closed mock nights."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.formatting import NO_PINGS
from bot.discord.members import who_from_interaction
from bot.discord.mock._flow import MockButton, TakeNightMock, night_view, question_embed, question_view
from bot.discord.mock._report import night_embed, night_results_embed, report_messages
from bot.discord.shared.background import BackgroundRound
from bot.errors import StorageUnavailable
from bot.service.mocks import MAX_MOCK_MINUTES, MAX_MOCK_QUESTIONS, MAX_NIGHT_HOURS, RESUMED
from bot.service.types import MockReport, NightResults

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

log = logging.getLogger(__name__)

DEFAULT_NIGHT_HOURS = 24


@app_commands.guild_only()
class MockCog(commands.GroupCog, group_name="mock", group_description="Timed mock exams"):
    """Mock exam commands and the deadline loop."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        self.background = BackgroundRound(
            self.tick,
            seconds=bot.settings.discord.loop_seconds,
            grace=bot.settings.discord.shutdown_grace_seconds,
            what="mock-exam",
        )
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(MockButton, TakeNightMock)

    async def cog_unload(self) -> None:
        await self.background.stop()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        self.background.start()

    @app_commands.command(name="start", description="Start a timed mock exam (or resume the one you have open)")
    @app_commands.describe(
        questions="How many questions (default: the real exam's)", minutes="Time allowed (default: the exam's pace)"
    )
    async def start(
        self,
        interaction: discord.Interaction[TutorBot],
        questions: app_commands.Range[int, 1, MAX_MOCK_QUESTIONS] | None = None,
        minutes: app_commands.Range[int, 1, MAX_MOCK_MINUTES] | None = None,
    ) -> None:
        session = await self.bot.tutor.mocks.start(who_from_interaction(interaction), questions, minutes)
        note = RESUMED if session.resumed else ""
        await interaction.response.send_message(
            embed=question_embed(session, session.position, note),
            view=question_view(session, session.position),
            ephemeral=True,
        )

    @app_commands.command(name="report", description="The report of your latest mock exam")
    async def report(self, interaction: discord.Interaction[TutorBot]) -> None:
        report = await self.bot.tutor.mocks.last_report(who_from_interaction(interaction))
        messages = report_messages(report)
        await interaction.response.send_message(embeds=messages[0], ephemeral=True)
        for embeds in messages[1:]:
            await interaction.followup.send(embeds=embeds, ephemeral=True)

    @app_commands.command(name="night", description="A mock night for your study group: one mock, results together")
    @app_commands.describe(
        group="The study group (you own it)",
        questions="How many questions (default: the real exam's)",
        minutes="Time each member has (default: the exam's pace)",
        hours="How long the night stays open to start",
    )
    async def night(
        self,
        interaction: discord.Interaction[TutorBot],
        group: str,
        questions: app_commands.Range[int, 1, MAX_MOCK_QUESTIONS] | None = None,
        minutes: app_commands.Range[int, 1, MAX_MOCK_MINUTES] | None = None,
        hours: app_commands.Range[int, 1, MAX_NIGHT_HOURS] = DEFAULT_NIGHT_HOURS,
    ) -> None:
        assert interaction.channel_id is not None
        who = who_from_interaction(interaction)
        night = await self.bot.tutor.mocks.open_night(who, group, interaction.channel_id, questions, minutes, hours)
        await interaction.response.send_message(
            embed=night_embed(night), view=night_view(night.id), allowed_mentions=NO_PINGS
        )

    async def tick(self) -> None:
        """Submit the mocks past their deadline and send their reports; post the results of closed mock nights."""
        async with self.background.running:
            guild_ids = [guild.id for guild in self.bot.guilds]
            try:
                reports = await self.bot.tutor.mocks.overdue(guild_ids)
                nights = await self.bot.tutor.mocks.nights_to_close(guild_ids)
            except StorageUnavailable as error:
                log.warning("Mock exams put off: %s", error)
                return
            for report in reports:
                await self._send_report(report)
            for results in nights:
                await self._post_results(results)

    async def _send_report(self, report: MockReport) -> None:
        """Send an auto-submitted mock's report by direct message (a member who takes none sees it in /mock report)."""
        try:
            user = self.bot.get_user(report.user_id) or await self.bot.fetch_user(report.user_id)
            for embeds in report_messages(report):
                await user.send(embeds=embeds, allowed_mentions=NO_PINGS)
        except (discord.Forbidden, discord.NotFound) as error:
            log.info("The report of mock %s could not be sent to its member (%s)", report.session.id, error.status)
        except discord.HTTPException as error:
            log.warning("The report of mock %s is sent later (%s)", report.session.id, error.status)
            return
        await self.bot.tutor.mocks.reported(report.session.id)

    async def _post_results(self, results: NightResults) -> None:
        channel = self.bot.get_channel(results.night.channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            log.info("Mock night %s: its channel is gone; results not posted", results.night.id)
        else:
            try:
                await channel.send(embed=night_results_embed(results), allowed_mentions=NO_PINGS)
            except discord.HTTPException as error:
                log.warning("Mock night %s: results not posted (%s)", results.night.id, error.status)
                return
        await self.bot.tutor.mocks.night_posted(results.night.id)
