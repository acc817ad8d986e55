"""`/notes add|list|remove|default|download`: a server's own notes, uploaded as attachments by its managers."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.errors import reply_privately
from bot.discord.formatting import AUTOCOMPLETE_LIMIT, BAD, GOOD, add_field, make_embed, safe
from bot.discord.members import who_from_interaction
from bot.errors import IndexBuildFailed, UploadRefused
from bot.knowledge.intake import size_words
from bot.service.types import Who
from bot.uploads.service import AddOutcome, Listing, ListingState, ensure_may_change_notes, listing_state
from bot.wording import plural

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

ACCEPTED = ".md, .markdown, .txt, .pdf or .docx"
STATE_MARKS = {
    ListingState.BUILD_FAILED: "⚠️",
    ListingState.BUILDING: "⏳",
    ListingState.QUIZ_FAILED: "⚠️",
    ListingState.QUIZ_PREPARING: "⏳",
}
QUIZ_BEING_MADE_HERE = "/ask answers from them now; their quiz questions follow in a minute or two (/notes list)."


def outcome_embed(outcome: AddOutcome) -> discord.Embed:
    """What an upload did: each file kept with its passages, each refused file with its reason (escaped)."""
    build = outcome.build
    if outcome.added:
        title, colour = f"Notes added: {plural(len(outcome.added), 'file')}", GOOD
    else:
        title, colour = "No notes were added", BAD
    embed = make_embed(title, colour=colour)
    for name in outcome.added:
        passages = build.passages.get(name, 0) if build else 0
        add_field(embed, safe(name), f"{plural(passages, 'passage')}; ask about it with /ask, quiz with /quiz")
    for refusal in outcome.refused:
        add_field(embed, "Refused", safe(str(refusal)))
    if build is not None and not build.complete:
        embed.set_footer(text=QUIZ_BEING_MADE_HERE)
    return embed


def listing_embed(listing: Listing) -> discord.Embed:
    default = (
        "The default notes are in this server's library too."
        if listing.include_default
        else ("The default notes are off: only these files are studied here.")
    )
    if not listing.files:
        return make_embed("This server's notes", "No files uploaded: the default notes are studied here.")
    lines = [
        f"**{safe(f.name)}** · {size_words(f.size)}"
        + (f" · {plural(f.pages, 'page')}" if f.pages else "")
        + (f" · {plural(f.passages, 'passage')}" if f.passages is not None else " · not built yet")
        + f" · <t:{int(f.uploaded_at.timestamp())}:d> by <@{f.uploaded_by}>"
        for f in listing.files
    ]
    state = listing_state(listing, lambda at: f"<t:{int(at.timestamp())}:f>", "/notes add")
    if state is not None:
        kind, sentence = state
        lines.append(STATE_MARKS[kind] + " " + sentence)
    return make_embed("This server's notes", "\n".join([*lines, "", default]))


@app_commands.guild_only()
class NotesCog(commands.GroupCog, name="Notes", group_name="notes", group_description="This server's own notes"):
    """Managers upload notes files as attachments; the bot answers and quizzes from them in this server."""

    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="add", description=f"Upload notes ({ACCEPTED}) for this server (managers)")
    @app_commands.describe(file="A notes file", file2="Another", file3="Another", file4="Another", file5="Another")
    @app_commands.default_permissions(manage_guild=True)
    async def add(
        self,
        interaction: discord.Interaction[TutorBot],
        file: discord.Attachment,
        file2: discord.Attachment | None = None,
        file3: discord.Attachment | None = None,
        file4: discord.Attachment | None = None,
        file5: discord.Attachment | None = None,
    ) -> None:
        who = self._manager(interaction)
        attachments = [a for a in (file, file2, file3, file4, file5) if a is not None]
        notes = self.bot.server_notes
        try:
            await notes.check_sizes(who.guild_id, {a.filename: a.size for a in attachments})
        except UploadRefused as refusal:
            await reply_privately(interaction, safe(str(refusal)))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)

        async def progress(line: str) -> None:
            await interaction.edit_original_response(content=safe(line))

        await progress(f"Downloading {plural(len(attachments), 'file')}…")
        uploads = [(a.filename, await a.read()) for a in attachments]
        try:
            outcome = await notes.add(who.guild_id, uploads, who.user_id, progress)
        except (UploadRefused, IndexBuildFailed) as refusal:  # refused, or kept but not built (tried again first)
            await interaction.edit_original_response(content=safe(str(refusal)))
            return
        await interaction.edit_original_response(content=None, embed=outcome_embed(outcome))

    @app_commands.command(name="list", description="This server's notes files: size, passages, when and by whom")
    async def list_notes(self, interaction: discord.Interaction[TutorBot]) -> None:
        listing = await self.bot.server_notes.listing(who_from_interaction(interaction).guild_id)
        await reply_privately(interaction, embed=listing_embed(listing))

    @app_commands.command(name="remove", description="Remove a notes file, its passages and questions (managers)")
    @app_commands.describe(name="The file's name, as /notes list shows it")
    @app_commands.default_permissions(manage_guild=True)
    async def remove(self, interaction: discord.Interaction[TutorBot], name: str) -> None:
        who = self._manager(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self.bot.server_notes.remove(who.guild_id, name)
        await reply_privately(
            interaction, f"Removed {safe(name)}: its passages and quiz questions are gone; members' history stays."
        )

    @app_commands.command(name="default", description="Whether the bundled default notes stay in this server")
    @app_commands.describe(state="on: study them beside your own files; off: only your files")
    @app_commands.default_permissions(manage_guild=True)
    async def default(self, interaction: discord.Interaction[TutorBot], state: Literal["on", "off"]) -> None:
        who = self._manager(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            build = await self.bot.server_notes.include_default(who.guild_id, state == "on")
        except UploadRefused as refusal:
            await reply_privately(interaction, safe(str(refusal)))
            return
        changed = "now" if build is not None else "already"
        await reply_privately(interaction, f"The default notes are {changed} {state} in this server.")

    @app_commands.command(name="download", description="Download a notes file as it was uploaded (managers)")
    @app_commands.describe(name="The file's name, as /notes list shows it")
    @app_commands.default_permissions(manage_guild=True)
    async def download(self, interaction: discord.Interaction[TutorBot], name: str) -> None:
        who = self._manager(interaction)
        content = await self.bot.server_notes.download(who.guild_id, name)
        await interaction.response.send_message(file=discord.File(io.BytesIO(content), filename=name), ephemeral=True)

    @remove.autocomplete("name")
    @download.autocomplete("name")
    async def file_names(
        self, interaction: discord.Interaction[TutorBot], current: str
    ) -> list[app_commands.Choice[str]]:
        listing = await self.bot.server_notes.listing(interaction.guild_id or 0)
        wanted = current.casefold()
        names = [f.name for f in listing.files if wanted in f.name.casefold()][:AUTOCOMPLETE_LIMIT]
        return [app_commands.Choice(name=n, value=n) for n in names]

    @staticmethod
    def _manager(interaction: discord.Interaction[TutorBot]) -> Who:
        who = who_from_interaction(interaction)
        ensure_may_change_notes(who)
        return who
