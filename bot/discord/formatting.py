"""Embed and message builders that respect Discord's limits and never echo user text unescaped."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import discord
from discord import app_commands

from bot.knowledge.answer_markdown import answer_markdown
from bot.knowledge.answering import Answer
from bot.knowledge.chunking import Chunk
from bot.pictures.fonts import without_bidi_controls
from bot.quiz.item import QuizItem
from bot.wording import FOLLOW_UP_NOTE, line_span, where_in_notes

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
EMBED_TOTAL_LIMIT = 6000
MESSAGE_LIMIT = 2000
BUTTON_LABEL_LIMIT = 80
AUTOCOMPLETE_LIMIT = 25  # Discord takes at most 25 choices
ELLIPSIS = "…"
MAX_DIAGRAMS = 5
URL_LIMIT = 2048

BRAND = discord.Colour.blurple()
GOOD = discord.Colour.green()
BAD = discord.Colour.red()
NO_PINGS = discord.AllowedMentions.none()


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in "…" (at a word break when one is near) if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def safe(text: str) -> str:
    """User text made inert: no mentions, no markdown, no bidirectional controls reordering what follows."""
    return discord.utils.escape_markdown(discord.utils.escape_mentions(without_bidi_controls(text)))


def make_embed(title: str, description: str = "", colour: discord.Colour = BRAND) -> discord.Embed:
    return discord.Embed(
        title=clip(title, TITLE_LIMIT), description=clip(description, DESCRIPTION_LIMIT), colour=colour
    )


def choices_matching(names: Iterable[str], current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete: the first names containing what the member typed (any case), as many as Discord shows."""
    wanted = current.casefold()
    found = [name for name in names if wanted in name.casefold()][:AUTOCOMPLETE_LIMIT]
    return [app_commands.Choice(name=name[:100], value=name[:100]) for name in found]


def add_field(embed: discord.Embed, name: str, value: str, *, inline: bool = False) -> discord.Embed:
    """Add a field when it still fits (25 fields, 6000 characters in all); clipped to the field limits."""
    name, value = clip(name, FIELD_NAME_LIMIT), clip(value or "-", FIELD_VALUE_LIMIT)
    room = EMBED_TOTAL_LIMIT - len(embed) - len(name)
    if len(embed.fields) >= FIELD_COUNT_LIMIT or room < 2:
        return embed
    return embed.add_field(name=name, value=clip(value, room), inline=inline)


def web_url(url: str) -> bool:
    """Whether Discord accepts `url` as an embed link or image: absolute http(s), no spaces, at most 2,048
    characters (notes may hold relative paths, local files or data: URLs)."""
    parts = urlsplit(url)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and len(url) <= URL_LIMIT
        and not any(c.isspace() for c in url)
    )


def answer_embed(question: str, answer: Answer) -> discord.Embed:
    """The answer to a question (its markdown), its citations in a field and suggestions when it declined."""
    colour = BAD if answer.abstained else BRAND
    embed = make_embed(safe(question.strip()) or "Question", answer_markdown(answer), colour)
    if answer.understood:
        add_field(embed, FOLLOW_UP_NOTE, safe(answer.understood))
    citations = [f"• {c.label} · `{PurePosixPath(c.source).name}`" for c in answer.citations]
    if citations:
        add_field(embed, "Sources", "\n".join(citations))
    if answer.abstained and answer.suggestions:
        add_field(embed, "Try asking about", "\n".join(f"• {s}" for s in answer.suggestions))
    diagrams = [url for url in answer.diagrams if web_url(url)][:MAX_DIAGRAMS]
    if diagrams:
        links = [f"[diagram {i}]({url})" for i, url in enumerate(diagrams, start=1)]
        add_field(embed, "Diagrams in the notes", " · ".join(links))
        embed.set_image(url=diagrams[0])
    return embed


def prompt_source(prompt: QuizItem) -> str:
    where = " › ".join(prompt.heading_path) or prompt.topic
    return f"{prompt.source} › {where} ({line_span(prompt.start_line, prompt.end_line)})"


def prompt_embed(prompt: QuizItem, title: str) -> discord.Embed:
    """A quiz question, its choices listed when it has any."""
    embed = make_embed(title, prompt.question)
    if prompt.choices:
        add_field(embed, "Choices", "\n".join(f"**{i + 1}.** {c}" for i, c in enumerate(prompt.choices)))
    embed.set_footer(text=clip(f"Topic: {prompt.topic}", 2048))
    return embed


def verdict_embed(
    correct: bool, expected: str, note: str, prompt: QuizItem, points: int | None = None
) -> discord.Embed:
    """Right or wrong, the right answer, why, and where it is in the notes."""
    title = "Correct!" if correct else "Not quite."
    if points:
        title += f" (+{points} points)"
    embed = make_embed(title, f"**Answer:** {expected}", GOOD if correct else BAD)
    why = " ".join(part for part in (note, prompt.explanation) if part)
    if why:
        add_field(embed, "Why", why)
    add_field(embed, "Source", prompt_source(prompt))
    return embed


def button_label(text: str) -> str:
    return clip(text, BUTTON_LABEL_LIMIT) or "-"


def message_text(text: str) -> str:
    return clip(text, MESSAGE_LIMIT)


PASSAGE_LIMIT = 1500


def passage_embed(chunk: Chunk) -> discord.Embed:
    """A passage of the notes with its citation: file and heading path as the title, its lines in the footer."""
    where = " › ".join(chunk.heading_path) or chunk.source
    embed = make_embed(f"{chunk.source} › {where}", clip(chunk.text, PASSAGE_LIMIT))
    embed.set_footer(text=where_in_notes(chunk.start_line, chunk.end_line, chunk.pages))
    return embed
