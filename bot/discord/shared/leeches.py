"""A question set aside as a leech: the passage of the notes that answers it, and a button to study it again.

`tutor:again:<prompt id>` is persistent, so it works after a restart; every quiz and daily answer that sets a
question aside shows this message instead of the same card again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.formatting import make_embed, passage_embed
from bot.discord.guard import TutorItem
from bot.discord.members import who_from_interaction
from bot.service.types import LeechPassage
from bot.wording import plural

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

NO_PASSAGE = "The notes no longer hold the passage that answers it (they were rebuilt)."


def leech_embeds(set_aside: LeechPassage) -> list[discord.Embed]:
    """Why the question left the member's reviews, then the passage that answers it (with its citation)."""
    why = make_embed(
        "Set aside from your reviews",
        f"That is {plural(set_aside.lapses, 'wrong answer')} on this question, so it will not come back as the same "
        "card. Read the passage that answers it below; press **Study it again** when you are ready."
        + ("" if set_aside.passage else f"\n\n{NO_PASSAGE}"),
    )
    return [why] if set_aside.passage is None else [why, passage_embed(set_aside.passage)]


def leech_view(prompt_id: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(StudyAgain(prompt_id))
    return view


class StudyAgain(TutorItem, discord.ui.DynamicItem[discord.ui.Button], template=r"tutor:again:(?P<prompt>[^:]+)"):
    """Brings a question the member set aside back into their reviews."""

    def __init__(self, prompt_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Study it again", style=discord.ButtonStyle.secondary, custom_id=f"tutor:again:{prompt_id}"
            )
        )
        self.prompt_id = prompt_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> StudyAgain:
        return cls(match["prompt"])

    async def respond(self, interaction: discord.Interaction[TutorBot]) -> None:
        await interaction.client.tutor.study_again(who_from_interaction(interaction), self.prompt_id)
        await interaction.response.send_message("It is back in your reviews.", ephemeral=True)
