"""`tutorbot doctor`: is this machine ready to run the bot? One friendly line per check; exit 1 when one fails."""

from __future__ import annotations

import argparse
import asyncio
import shutil
from collections.abc import AsyncIterator, Callable

from bot.cli._common import add_location_flags, embedder_for, settings_from
from bot.discord.doctor import Finding, check_discord
from bot.errors import TutorbotError
from bot.indexing import built_on, index_problem, last_good_index
from bot.settings import Settings
from bot.storage import Database, GuildSettings, Repositories

MARKS = {True: "✓", False: "✗"}


def register(subparsers: argparse._SubParsersAction) -> None:
    doctor = subparsers.add_parser(
        "doctor",
        help="check the set-up: token, intents, daily channels, database, notes index",
        description="Check that `tutorbot run` will work: Discord accepts the token and the intents, the bot can "
        "post in each daily-quiz channel, the database is reachable and migrated, the notes index is current. "
        "Exits with 1 when a check fails.",
    )
    add_location_flags(doctor)
    doctor.set_defaults(func=run_doctor)


def check_index(settings: Settings) -> Finding:
    """Whether the notes index is current; when only the notes changed, that the bot runs on the last good index
    and how much space the index's disk has left (a rebuild that found the disk full leaves exactly this)."""
    embedder = embedder_for(settings.retrieval.model)
    problem = index_problem(settings, embedder)
    if problem is None:
        return Finding(True, f"The notes index is current for {settings.paths.corpus_dir}.")
    last_good = last_good_index(settings, embedder)
    if last_good is None:
        return Finding(False, f"{problem} `tutorbot build-index` (or `make run`) builds it.")
    free = shutil.disk_usage(settings.paths.index_dir).free // 2**20
    return Finding(
        False,
        f"{problem} The bot runs on the last good notes index (built {built_on(last_good)}) until a rebuild "
        f"succeeds; {free:,} MB free where the index is written. `tutorbot build-index` rebuilds it.",
    )


async def open_database(settings: Settings) -> tuple[Finding, list[GuildSettings]]:
    """Reach the database (creating or upgrading its tables, as every start does) and read the daily servers."""
    try:
        db = await Database.open(settings.database_url)
    except TutorbotError as error:
        return Finding(False, f"Cannot use the database: {error} (DATABASE_URL, see docs/discord-setup.md)."), []
    try:
        servers = [s for s in await Repositories.over(db).settings.enabled() if s.daily_channel_id is not None]
        revision = await db.schema_revision()
    finally:
        await db.close()
    found = Finding(True, f"The database is reachable and its tables are up to date ({db.dialect}, {revision}).")
    return found, servers


async def diagnose(settings: Settings) -> AsyncIterator[Finding]:
    """Every check of the set-up, in the order a person would fix them."""
    database, servers = await open_database(settings)
    yield database
    yield await asyncio.to_thread(check_index, settings)
    async for finding in check_discord(settings.discord.token, servers, settings.discord.members_intent):
        yield finding


async def report(settings: Settings, show: Callable[[str], None]) -> bool:
    """Show each finding as it comes; True when every check passed."""
    healthy = True
    async for finding in diagnose(settings):
        show(f"{MARKS[finding.ok]} {finding.text}")
        healthy &= finding.ok
    show("All checks passed: `tutorbot run` is ready." if healthy else "Fix the ✗ lines above, then run doctor again.")
    return healthy


def run_doctor(args: argparse.Namespace) -> int:
    return 0 if asyncio.run(report(settings_from(args), lambda line: print(line, flush=True))) else 1
