"""Exam days: a member's own (privately), a study group's (by its owner, in the channel), and outcomes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.formatting import BAD, BRAND, GOOD, NO_PINGS, add_field, choices_matching, make_embed, safe
from bot.discord.members import who_from_interaction
from bot.discord.shared import rendered
from bot.exam.dates import MAX_NAME_LENGTH
from bot.exam.readiness import GETTING_THERE, NOT_READY, READY
from bot.pictures import render_readiness
from bot.service.exam_domains import NO_DOMAIN, domain_listing
from bot.service.exams import MAX_DAILY_MINUTES, MAX_SCORE, exam_label, plan_lines
from bot.service.readiness import readiness_data
from bot.service.types import ExamPlan

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

READY_COLOURS = {NOT_READY: BAD, GETTING_THERE: BRAND, READY: GOOD}
NO_PROMISE = (
    "The stage follows mock exams built from these notes: it says the notes are learnt, not that the exam "
    "(its scenarios, its wording) will be passed."
)
NO_EXAM = "No exam date set. Set yours with `/exam set 2027-03-14` (a study group's owner can set the group's)."


def domains_embed(title: str, listing: list[tuple[str, list[str]]]) -> discord.Embed:
    embed = make_embed(title, "Mock exams, readiness and drills draw each domain's share from its sections.")
    for domain, sections in listing:
        add_field(embed, domain, "\n".join(f"• {safe(s)}" for s in sections) or "no section")
    return embed


def plan_embed(title: str, plan: ExamPlan) -> discord.Embed:
    lines = [safe(line) for line in plan_lines(plan)]
    return make_embed(title, "\n".join(lines) or NO_EXAM)


@app_commands.guild_only()
class ExamCog(commands.GroupCog, group_name="exam", group_description="Your exam date, countdown and result"):
    """Exam-day commands."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="set", description="Set your exam date (or, as its owner, a study group's)")
    @app_commands.describe(
        date="The exam day: 2027-03-14 or 14 March 2027",
        name="The exam's name",
        group="A study group you own: set its date instead of yours",
        minutes="How many minutes a day you can study",
    )
    async def set_date(
        self,
        interaction: discord.Interaction[TutorBot],
        date: app_commands.Range[str, 1, 40],
        name: app_commands.Range[str, 1, MAX_NAME_LENGTH] | None = None,
        group: str | None = None,
        minutes: app_commands.Range[int, 1, MAX_DAILY_MINUTES] | None = None,
    ) -> None:
        plan = await self.bot.tutor.set_exam(who_from_interaction(interaction), date, name, group, minutes)
        if group is None:
            await interaction.response.send_message(embed=plan_embed("Exam date set", plan), ephemeral=True)
            return
        exam = next((g for g in plan.groups if g.group and g.group.casefold() == group.strip().casefold()), None)
        if exam is None:  # a manager outside the group: their own plan does not list it
            text = f"Exam date set for the study group **{safe(group.strip())}**."
        else:
            text = f"Study group **{safe(exam.group or group)}** takes {safe(exam_label(exam))}."
        await interaction.response.send_message(text, allowed_mentions=NO_PINGS)

    @app_commands.command(name="show", description="Your exam dates and the countdown")
    async def show(self, interaction: discord.Interaction[TutorBot]) -> None:
        plan = await self.bot.tutor.exam_plan(who_from_interaction(interaction))
        await interaction.response.send_message(embed=plan_embed("Your exam", plan), ephemeral=True)

    @app_commands.command(name="clear", description="Forget your exam date (or, as its owner, a study group's)")
    @app_commands.describe(group="A study group you own: clear its date instead of yours")
    async def clear(self, interaction: discord.Interaction[TutorBot], group: str | None = None) -> None:
        plan = await self.bot.tutor.clear_exam(who_from_interaction(interaction), group)
        await interaction.response.send_message(embed=plan_embed("Exam date cleared", plan), ephemeral=True)

    @app_commands.command(name="readiness", description="How ready you are, by the rule, with each domain")
    async def readiness(self, interaction: discord.Interaction[TutorBot]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        who = who_from_interaction(interaction)
        ready = await self.bot.tutor.exam_readiness(who)
        embed = make_embed(f"Exam readiness: {ready.stage}", "\n".join(ready.reasons), READY_COLOURS[ready.stage])
        add_field(embed, "The rule", ready.rule)
        weak = [d for d in ready.domains if d.below_target]
        if weak:
            add_field(embed, "Below the target", ", ".join(safe(d.domain) for d in weak) + " · `/drill weak`")
        add_field(embed, "What it does not promise", NO_PROMISE)
        embed.set_image(url="attachment://readiness.png")
        picture = await rendered(render_readiness, readiness_data(who.name, ready), "readiness.png")
        await interaction.followup.send(embed=embed, file=picture, ephemeral=True)

    @app_commands.command(name="result", description="How your exam went (kept to compare with readiness)")
    @app_commands.describe(outcome="Passed or failed", score=f"Your score (0 to {MAX_SCORE}), if you like")
    async def result(
        self,
        interaction: discord.Interaction[TutorBot],
        outcome: Literal["passed", "failed"],
        score: app_commands.Range[int, 0, MAX_SCORE] | None = None,
    ) -> None:
        who = who_from_interaction(interaction)
        recorded = await self.bot.tutor.record_exam_result(who, outcome, score)
        scored = f" with {recorded.score}" if recorded.score is not None else ""
        text = "Congratulations!" if recorded.passed else "Sorry to hear it; your history is kept for the next try."
        await interaction.response.send_message(f"Recorded: {outcome}{scored}. {text}", ephemeral=True)

    @app_commands.command(
        name="domains", description="The exam's domains, their weights and the notes' sections in each"
    )
    async def domains(self, interaction: discord.Interaction[TutorBot]) -> None:
        assert interaction.guild_id is not None
        tutor = self.bot.tutor
        domains = await tutor.server_exam_domains(interaction.guild_id)
        listing = domain_listing(domains, await tutor.topics(interaction.guild_id))
        await interaction.response.send_message(embed=domains_embed("Exam domains", listing), ephemeral=True)

    @app_commands.command(
        name="domain-move", description="Move a section of the notes into another exam domain (managers)"
    )
    @app_commands.describe(section="A top-level section of the notes", domain=f"An exam domain, or {NO_DOMAIN}")
    async def domain_move(self, interaction: discord.Interaction[TutorBot], section: str, domain: str) -> None:
        tutor = self.bot.tutor
        moved = await tutor.move_exam_section(who_from_interaction(interaction), section, domain)
        listing = domain_listing(moved, await tutor.topics(interaction.guild_id))
        await interaction.response.send_message(embed=domains_embed("Section moved", listing), ephemeral=True)

    @domain_move.autocomplete("section")
    async def section_choices(
        self, interaction: discord.Interaction[TutorBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return choices_matching(await self.bot.tutor.topics(interaction.guild_id), current)

    @domain_move.autocomplete("domain")
    async def domain_choices(
        self, interaction: discord.Interaction[TutorBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return choices_matching([*await self.bot.tutor.exam_domain_names(interaction.guild_id), NO_DOMAIN], current)

    @app_commands.command(name="domain-reset", description="Undo moves of sections: the notes' own mapping (managers)")
    @app_commands.describe(section="Undo only this section's move (all moves when left out)")
    async def domain_reset(self, interaction: discord.Interaction[TutorBot], section: str | None = None) -> None:
        tutor = self.bot.tutor
        reset = await tutor.reset_exam_sections(who_from_interaction(interaction), section)
        listing = domain_listing(reset, await tutor.topics(interaction.guild_id))
        await interaction.response.send_message(embed=domains_embed("Exam domains", listing), ephemeral=True)

    @domain_reset.autocomplete("section")
    async def reset_choices(
        self, interaction: discord.Interaction[TutorBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return choices_matching(await self.bot.tutor.topics(interaction.guild_id), current)
