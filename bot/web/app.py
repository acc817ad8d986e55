"""The web leaderboard's aiohttp application: `GET /board/<guild id>?key=&scope=&period=&season=`.

Pages are read through the service (`BoardReader`) and rendered by `pages.py`. Refusals are pages too: 403 for
a missing, tampered or expired key, 404 for an unknown group, 400 for a bad period or season, 503 when the
database cannot be reached. Responses are never cached, never indexed and never leak their key as a referrer.
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.errors import InvalidInput, NotAllowed, NotFound, StorageUnavailable, TutorbotError
from bot.service.types import BoardScope
from bot.service.web_boards import BoardReader
from bot.web.pages import Place, board_page, document, error_page

log = logging.getLogger(__name__)

READER: web.AppKey[BoardReader] = web.AppKey("reader", BoardReader)
STATUS_OF: tuple[tuple[type[TutorbotError], int], ...] = (
    (NotAllowed, 403),
    (NotFound, 404),
    (InvalidInput, 400),
    (StorageUnavailable, 503),
)
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
}
HOME = (
    "<h1>tutorbot leaderboards</h1>\n<p class=note>Open your server's leaderboard with the link "
    "<code>/leaderboard</code> gives in Discord.</p>"
)


def web_app(reader: BoardReader) -> web.Application:
    """The application over `reader` (which the caller opens and closes)."""
    app = web.Application()
    app[READER] = reader
    app.router.add_get("/", home)
    app.router.add_get(r"/board/{guild_id:\d{1,20}}", board)
    return app


async def home(request: web.Request) -> web.Response:
    return html(document("tutorbot leaderboards", HOME))


async def board(request: web.Request) -> web.Response:
    guild_id = int(request.match_info["guild_id"])
    query = request.query
    key = query.get("key")
    try:
        page = await request.app[READER].page(
            guild_id, key, query.get("scope", BoardScope.SERVER), query.get("period", "week"), query.get("season", "0")
        )
    except TutorbotError as error:
        status = next((code for kind, code in STATUS_OF if isinstance(error, kind)), 500)
        if status == 500:
            log.exception("The web leaderboard failed for server %s", guild_id)
        return html(error_page(status, str(error)), status)
    return html(board_page(page, Place(guild_id, key, page.scope, page.board.period, page.season)))


def html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8", headers=HEADERS)


async def start_web(reader: BoardReader, host: str, port: int) -> web.AppRunner:
    """Serve the web leaderboard on host:port in the running event loop; `await runner.cleanup()` stops it.

    OSError when the port cannot be bound (in use, not allowed)."""
    runner = web.AppRunner(web_app(reader), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError:
        await runner.cleanup()
        raise
    return runner
