"""`tutorbot run` (the Discord bot) and `tutorbot discord commands --json` (the application-command payload)."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

import aiohttp
import discord

from bot.cli._common import add_location_flags, fail, settings_from
from bot.errors import TutorbotError

MISSING_TOKEN = (
    "No Discord token: set DISCORD_TOKEN in the environment or in .env (see docs/discord-setup.md). "
    "Without a token, `tutorbot console` is the same tutor in the terminal."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser(
        "run",
        help="the Discord bot only (needs DISCORD_TOKEN; fails without it)",
        description="Run the Discord bot: log in with DISCORD_TOKEN (environment or .env), sync the slash "
        "commands, post the daily quizzes. Without a token it stops; `tutorbot start` falls back to the console.",
    )
    add_location_flags(run)
    run.set_defaults(func=run_bot)


def register_tools(subparsers: argparse._SubParsersAction) -> None:
    discord_parser = subparsers.add_parser("discord", help="Discord application tools (the command payload)")
    tools = discord_parser.add_subparsers(dest="discord_command", required=True)
    listing = tools.add_parser("commands", help="print the application commands the bot registers")
    listing.add_argument("--json", action="store_true", help="print the exact JSON payload sent to Discord")
    listing.set_defaults(func=print_commands)


async def bot_command_payload() -> list[dict[str, Any]]:
    """The application commands as Discord receives them, built without connecting or loading the model."""
    from bot.discord.client import TutorBot
    from bot.discord.command_sync import command_payload
    from bot.settings import Settings

    bot = TutorBot(Settings())
    await bot.load_features()
    return command_payload(bot.tree)


def print_commands(args: argparse.Namespace) -> int:
    payload = asyncio.run(bot_command_payload())
    if args.json:
        print(json.dumps(payload, indent=2))
    else:
        for command in payload:
            print(f"/{command['name']}: {command['description']}")
    return 0


def run_bot(args: argparse.Namespace) -> int:
    from bot.discord.client import TutorBot
    from bot.discord.running import serve

    settings = settings_from(args)
    if not settings.discord.token:
        return fail(MISSING_TOKEN)
    bot = TutorBot(settings, sync_commands=True, freeze_startup=True)
    try:
        asyncio.run(serve(bot, settings.discord.token))
    except discord.LoginFailure:
        return fail("Discord refused the token: check DISCORD_TOKEN (the bot token from the Developer Portal).")
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound) as error:
        return fail(f"Cannot reach Discord ({error}); check the network and try again.")
    except TutorbotError as error:
        return fail(str(error))
    return 0
