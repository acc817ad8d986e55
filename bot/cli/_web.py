"""`tutorbot web`: serve the web leaderboard on its own (the bot can also serve it, with TUTORBOT_WEB_IN_BOT=1)."""

from __future__ import annotations

import argparse
import asyncio
import signal

from bot.cli._common import fail, settings_from
from bot.errors import TutorbotError
from bot.settings import Settings

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def register(subparsers: argparse._SubParsersAction) -> None:
    web = subparsers.add_parser(
        "web",
        help="serve the web leaderboard (no model or index needed)",
        description="Serve each server's leaderboards as web pages, read from the bot's database. Links come "
        "from /leaderboard in Discord (set TUTORBOT_WEB_URL to this server's public address); they are signed "
        "unless a server made its board public.",
    )
    web.add_argument("--host", help="address to listen on (default: TUTORBOT_WEB_HOST or 127.0.0.1)")
    web.add_argument("--port", type=int, help="port to listen on (default: TUTORBOT_WEB_PORT or 8080)")
    web.set_defaults(func=run_web)


def run_web(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    host = args.host or settings.web.host
    port = args.port or settings.web.port
    try:
        asyncio.run(serve_web(settings, host, port))
    except OSError as error:
        return fail(f"Cannot listen on {host}:{port} ({error.strerror or error}); choose another --port.")
    except TutorbotError as error:
        return fail(str(error))
    return 0


async def serve_web(settings: Settings, host: str, port: int) -> None:
    """Serve until SIGTERM or SIGINT, then close the database."""
    from bot.service.board_links import serving_links
    from bot.service.web_boards import BoardReader
    from bot.web import start_web

    reader = await BoardReader.open(settings, serving_links(settings, host, port))
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    try:
        runner = await start_web(reader, host, port)
        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, stopping.set)
        print(f"Serving the web leaderboard on http://{host}:{port} (Ctrl-C stops).", flush=True)
        try:
            await stopping.wait()
        finally:
            for sig in STOP_SIGNALS:
                loop.remove_signal_handler(sig)
            await runner.cleanup()
    finally:
        await reader.close()
