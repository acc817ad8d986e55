"""The /check reply: the stem, one field per option with its support and best evidence, then the verdict."""

from __future__ import annotations

import discord

from bot.discord.formatting import (
    BAD,
    BRAND,
    EMBED_TOTAL_LIMIT,
    FIELD_NAME_LIMIT,
    add_field,
    clip,
    make_embed,
    safe,
)
from bot.knowledge.practice import CheckResult, support_level
from bot.wording import certainty

TITLE = "What the notes say"
UNSETTLED = "The notes don't settle this"
STEM_LIMIT = 1500
QUOTE_LIMIT = 200
SUPPORT_MARKS = {"supported": "✅", "weak": "➖", "not found": "❌"}


def letter(index: int) -> str:
    return chr(ord("A") + index)


def support_label(support: float) -> str:
    level = support_level(support)
    return f"{SUPPORT_MARKS[level]} {level}"


def option_value(result: CheckResult, index: int) -> str:
    """How the notes bear on one option: its support in words, its share of the evidence, its best passage."""
    line = (
        f"{support_label(result.support[index])} in the notes · {result.scores[index]:.0%} of the evidence points here"
    )
    passages = result.evidence[index]
    if not passages:
        return line
    best = passages[0]
    return f"{line}\n📎 {safe(best.citation.label)}\n> {safe(clip(best.quote, QUOTE_LIMIT))}"


def verdict_field(result: CheckResult) -> tuple[str, str]:
    """The pick(s) and the confidence, or why the notes do not settle the question."""
    if result.abstained:
        return UNSETTLED, result.reason
    picked = ", ".join(letter(i) for i in result.picks)
    name = "Pick" if len(result.picks) == 1 else "Picks"
    return name, f"**{picked}** (how sure: {certainty(result.confidence)})"


def check_embed(result: CheckResult) -> discord.Embed:
    """Within Discord's limits: the option fields share what the stem and the verdict leave of the 6,000."""
    question = result.question
    embed = make_embed(TITLE, clip(safe(question.stem), STEM_LIMIT), BAD if result.abstained else BRAND)
    if question.negated:
        embed.set_footer(text="This question asks for what is NOT true, so the pick is the least supported option.")
    verdict_name, verdict_value = verdict_field(result)
    room = EMBED_TOTAL_LIMIT - len(embed) - len(verdict_name) - len(verdict_value)
    share = room // len(question.options)
    for index, option in enumerate(question.options):
        name = clip(f"{letter(index)}. {safe(option)}", min(FIELD_NAME_LIMIT, share // 3))
        add_field(embed, name, clip(option_value(result, index), share - len(name)))
    add_field(embed, verdict_name, verdict_value)
    return embed
