"""Checks of a Discord set-up for `tutorbot doctor`: the token, the gateway intents, the daily-quiz channels.

It logs in and connects to the gateway exactly as `tutorbot run` does (same intents), waits for the servers'
data, then asks discord.py what the bot may do in each configured channel. Nothing is posted.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import aiohttp
import discord

from bot.discord.client import GUILD_READY_TIMEOUT_SECONDS, bot_intents
from bot.storage import GuildSettings
from bot.wording import plural

READY_TIMEOUT_SECONDS = 60.0
# What the daily quiz needs in its channel: the post is an embed with buttons; the reveal replies to it.
DAILY_PERMISSIONS = ("view_channel", "send_messages", "embed_links", "read_message_history")
THREAD_PERMISSIONS = ("view_channel", "send_messages_in_threads", "embed_links", "read_message_history")


@dataclass(frozen=True)
class Finding:
    """One check's outcome as a line for a person: `ok` false means the set-up needs fixing."""

    ok: bool
    text: str


def permission_name(flag: str) -> str:
    """`send_messages_in_threads` as Discord's settings name it: Send Messages In Threads."""
    return flag.replace("_", " ").title().replace("View Channel", "View Channels")


def channel_finding(client: discord.Client, server: GuildSettings) -> Finding:
    """Whether the bot can post (and reveal) the daily quiz in one server's configured channel."""
    guild = client.get_guild(server.guild_id)
    if guild is None:
        return Finding(False, f"Server {server.guild_id} has the daily quiz on, but tutorbot is not in it any more.")
    channel = guild.get_channel_or_thread(server.daily_channel_id or 0)
    if channel is None or guild.me is None:
        return Finding(False, f"{guild.name}: the daily-quiz channel {server.daily_channel_id} no longer exists.")
    where = f"#{channel.name} in {guild.name}"
    needed = THREAD_PERMISSIONS if isinstance(channel, discord.Thread) else DAILY_PERMISSIONS
    granted = channel.permissions_for(guild.me)
    missing = [permission_name(flag) for flag in needed if not getattr(granted, flag)]
    if missing:
        return Finding(
            False,
            f"{where}: tutorbot cannot post the daily quiz there; it lacks {', '.join(missing)} "
            "(channel settings → Permissions: allow them for tutorbot's role).",
        )
    return Finding(True, f"{where}: tutorbot can post and reveal the daily quiz.")


async def _connect(client: discord.Client, runner: asyncio.Task[None]) -> None:
    """Wait until `runner` (the client's `start`) is connected and has the servers' data, or raise why not."""
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait({runner, ready}, timeout=READY_TIMEOUT_SECONDS, return_when=asyncio.FIRST_COMPLETED)
    if ready in done:
        return
    ready.cancel()
    if runner in done:
        runner.result()  # raises the reason the connection ended
        raise discord.DiscordException("the gateway connection closed")
    raise TimeoutError(f"no answer within {READY_TIMEOUT_SECONDS:.0f} s")


async def check_discord(
    token: str | None, servers: Sequence[GuildSettings], members_intent: bool = False
) -> AsyncIterator[Finding]:
    """The token, the intents, then each server's daily channel, one finding each (stops at the first failure)."""
    if not token:
        yield Finding(False, "No DISCORD_TOKEN: put the bot token in .env (see docs/discord-setup.md).")
        return
    client = discord.Client(intents=bot_intents(members_intent), guild_ready_timeout=GUILD_READY_TIMEOUT_SECONDS)
    runner = asyncio.create_task(client.start(token))
    try:
        try:
            await _connect(client, runner)
        except discord.LoginFailure:
            yield Finding(False, "Discord refused the token: copy it again from the Developer Portal (Bot tab).")
            return
        except discord.PrivilegedIntentsRequired:
            yield Finding(True, "Discord accepted the token.")
            yield Finding(
                False,
                "Discord refused the Server Members intent: switch it on in the Developer Portal (Bot tab → "
                "Privileged Gateway Intents), or unset TUTORBOT_MEMBERS_INTENT.",
            )
            return
        except (aiohttp.ClientError, OSError, TimeoutError, discord.DiscordException) as error:
            yield Finding(False, f"Cannot reach Discord ({error or type(error).__name__}); check the network.")
            return
        user = client.user
        yield Finding(True, f"Discord accepted the token: logged in as {user} (application {client.application_id}).")
        intents = "guilds, server messages, direct messages" + (", Server Members" if members_intent else "")
        yield Finding(True, f"Gateway connected with the intents tutorbot uses: {intents}.")
        yield Finding(True, f"tutorbot is in {plural(len(client.guilds), 'server')}.")
        if not servers:
            yield Finding(True, "No server has the daily quiz on yet (a manager turns it on with /config).")
        for server in servers:
            yield channel_finding(client, server)
    finally:
        await client.close()
        await asyncio.gather(runner, return_exceptions=True)
