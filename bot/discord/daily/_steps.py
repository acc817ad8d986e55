"""The two Discord steps of a server's daily quiz, each after its claim: send the post, send the reveal.

Discord's refusals become a problem text for the service (which backs off, or gives the day up); a step whose
earlier claim lapsed first looks in the channel for what that claim may already have sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import discord

from bot.discord.daily._buttons import daily_view, posted_by_custom_id
from bot.discord.formatting import FIELD_VALUE_LIMIT, add_field, make_embed, prompt_embed, prompt_source, safe
from bot.exam.dates import countdown_words, days_left
from bot.service.types import DailyQuiz, DailyReveal
from bot.storage import DailyPost

if TYPE_CHECKING:
    from bot.discord.client import TutorBot

log = logging.getLogger(__name__)

HISTORY_LOOKBACK = 100  # recent channel messages searched for a post or reveal an earlier claim may have sent
REVEAL_TITLE = "Daily quiz: the answer"

Channel = discord.TextChannel | discord.Thread | discord.VoiceChannel | discord.StageChannel


class StepRefused(Exception):
    """Discord refused a step; `problem` says why, in words for the server's managers."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def refusal(error: discord.HTTPException, channel_id: int) -> StepRefused:
    """What a refusal means for the daily channel."""
    if isinstance(error, discord.Forbidden):
        return StepRefused(
            f"tutorbot may not post in <#{channel_id}> (it needs View Channel, Send Messages and Embed Links there)"
        )
    if isinstance(error, discord.NotFound):
        return channel_gone(channel_id)
    return StepRefused(f"Discord refused the daily quiz in <#{channel_id}> (HTTP {error.status})")


def channel_gone(channel_id: int) -> StepRefused:
    return StepRefused(f"the daily quiz channel (<#{channel_id}>) no longer exists; choose another with /config")


def day_label(post: DailyPost) -> str:
    return f"Daily quiz of {post.local_date:%A %d %B %Y}"


def post_embed(daily: DailyQuiz) -> discord.Embed:
    embed = prompt_embed(daily.prompt, f"Daily quiz for {daily.post.local_date:%A %d %B}")
    if daily.countdowns:
        add_field(embed, "Exam countdown", countdown_text(daily))
    return embed


def countdown_text(daily: DailyQuiz) -> str:
    """One line per coming exam, soonest first, as many as fit one field ("and N more" after them)."""
    day = daily.post.local_date
    lines = [
        f"**{safe(row.who)}**: {safe(row.exam.name or 'exam')} {countdown_words(days_left(row.exam.exam_on, day))}"
        for row in daily.countdowns
    ]
    shown: list[str] = []
    for number, line in enumerate(lines):
        if len("\n".join([*shown, line])) > FIELD_VALUE_LIMIT - len("\nand 999 more"):
            shown.append(f"and {len(lines) - number} more")
            break
        shown.append(line)
    return "\n".join(shown)


def reveal_embed(reveal: DailyReveal) -> discord.Embed:
    results = reveal.results
    embed = make_embed(REVEAL_TITLE, f"**{reveal.prompt.question}**\n\n**Answer:** {reveal.prompt.answer}")
    if reveal.prompt.explanation:
        add_field(embed, "Why", reveal.prompt.explanation)
    add_field(embed, "Source", prompt_source(reveal.prompt))
    add_field(embed, "Results", f"{results.correct} of {results.answered} answered correctly")
    embed.set_footer(text=day_label(reveal.post))
    return embed


def is_reveal_of(post: DailyPost) -> Callable[[discord.Message], bool]:
    label = day_label(post)
    return lambda message: any(e.title == REVEAL_TITLE and e.footer.text == label for e in message.embeds)


def carries_post(post: DailyPost) -> Callable[[discord.Message], bool]:
    return lambda message: any(
        posted_by_custom_id(getattr(child, "custom_id", None)) == post.id
        for row in message.components
        for child in getattr(row, "children", ())
    )


async def find_sent(bot: TutorBot, channel: Channel, wanted: Callable[[discord.Message], bool]) -> int | None:
    """The id of a recent message of the bot's in `channel` that `wanted` accepts (None when unreadable)."""
    try:
        async for message in channel.history(limit=HISTORY_LOOKBACK):
            if bot.user is not None and message.author.id == bot.user.id and wanted(message):
                return message.id
    except discord.HTTPException as error:
        log.info("Could not read the history of channel %s (%s)", channel.id, error.status)
    return None


def daily_channel(bot: TutorBot, post: DailyPost) -> Channel:
    channel = bot.get_channel(post.channel_id)
    if not isinstance(channel, Channel):
        raise channel_gone(post.channel_id)
    return channel


async def send_post(bot: TutorBot, daily: DailyQuiz) -> int:
    """Send the post (unless a lapsed claim already did): its message id. StepRefused when Discord refuses."""
    channel = daily_channel(bot, daily.post)
    if daily.retaken and (sent := await find_sent(bot, channel, carries_post(daily.post))) is not None:
        return sent
    try:
        message = await channel.send(embed=post_embed(daily), view=daily_view(daily.post.id, daily.prompt))
    except discord.HTTPException as error:
        raise refusal(error, daily.post.channel_id) from error
    return message.id


async def send_reveal(bot: TutorBot, reveal: DailyReveal) -> None:
    """Close the post's buttons and reply with the answer (a plain message when the post was deleted)."""
    post = reveal.post
    channel = daily_channel(bot, post)
    if reveal.retaken and await find_sent(bot, channel, is_reveal_of(post)) is not None:
        return
    assert post.message_id is not None
    original = channel.get_partial_message(post.message_id)
    try:
        await _close_buttons(original)
        await channel.send(
            embed=reveal_embed(reveal),
            reference=original.to_reference(fail_if_not_exists=False),
            mention_author=False,
        )
    except discord.HTTPException as error:
        raise refusal(error, post.channel_id) from error


async def _close_buttons(original: discord.PartialMessage) -> None:
    """Remove the answer buttons; a deleted post needs none removed, and other failures only leave them."""
    try:
        await original.edit(view=None)
    except discord.NotFound:
        log.info("Daily post %s was deleted; revealing without a reply", original.id)
    except discord.Forbidden:
        raise
    except discord.HTTPException as error:
        log.info("Daily post %s keeps its buttons (%s); answers are closed anyway", original.id, error.status)
