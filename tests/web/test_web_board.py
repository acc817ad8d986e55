"""The web leaderboard over HTTP (aiohttp's test client), on SQLite and PostgreSQL: what it shows, what it hides,
and the refusals (403 without a valid key unless the board is public, 404, 400) as pages."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from html import escape, unescape

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient, TestServer

from bot.clock import FrozenClock
from bot.service.board_links import EXPIRED_LINK, INVALID_LINK, BoardLinks
from bot.service.web_boards import BoardReader
from bot.storage import Database, Repositories
from bot.web import web_app
from tests.web.sample import ADA, BO, GROUP, GUILD, HIDDEN, LEFT, NOW, OTHER_GUILD, fill_boards

pytestmark = pytest.mark.asyncio(loop_scope="function")
LINKS = BoardLinks(b"test secret", "http://boards.test")
Fetch = Callable[..., Awaitable[tuple[int, str]]]


@pytest_asyncio.fixture(loop_scope="function")
async def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest_asyncio.fixture(loop_scope="function")
async def fetch(database: Database, repos: Repositories, clock: FrozenClock) -> AsyncIterator[Fetch]:
    """`status, html = await fetch(path, **query)` from the web app over the sample boards."""
    await fill_boards(repos)
    client = TestClient(TestServer(web_app(BoardReader(database, clock, LINKS))))
    await client.start_server()

    async def get(path: str, **query: str) -> tuple[int, str]:
        response = await client.get(path, params=query)
        assert response.headers["Referrer-Policy"] == "no-referrer"  # the key never leaves in a Referer header
        return response.status, await response.text()

    yield get
    await client.close()


def cells(html: str) -> list[list[str]]:
    """The table's rows as lists of cell texts."""
    return [
        [unescape(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", html)
        if "<td" in row
    ]


async def test_the_signed_link_shows_the_week_with_names_escaped_streaks_and_points(fetch: Fetch) -> None:
    status, html = await fetch(f"/board/{GUILD}", key=LINKS.key(GUILD, NOW))
    assert status == 200
    assert cells(html) == [["1", ADA, "2", "6"], ["2", BO, "1", "3"]]
    assert escape(ADA) in html and ADA not in html  # the markup in a name is text, never HTML
    assert "Study &lt;Hall&gt;" in html
    assert HIDDEN not in html and LEFT not in html


async def test_past_seasons_groups_and_the_group_board_are_reachable_with_the_same_key(fetch: Fetch) -> None:
    key = LINKS.key(GUILD, NOW)
    status, html = await fetch(f"/board/{GUILD}", key=key, season="1")
    assert (status, cells(html)) == (200, [["1", ADA, "2", "3"]])
    assert "Week of 23 Feb 2026" in html
    assert (await fetch(f"/board/{GUILD}", key=key, scope=GROUP))[1].count("<td>") == 1  # Bo alone
    status, html = await fetch(f"/board/{GUILD}", key=key, scope="groups")
    assert (status, cells(html)) == (200, [["1", GROUP, "3.0", "3"]])
    status, html = await fetch(f"/board/{GUILD}", key=key, period="all")
    assert cells(html) == [["1", ADA, "2", "9"], ["2", BO, "1", "3"]]
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(unescape(link).endswith(f"key={key}") for link in links)


@pytest.mark.parametrize("key", [None, "", "123.abc", "tampered"])
async def test_a_board_without_a_valid_key_is_a_403_page_showing_nothing(fetch: Fetch, key: str | None) -> None:
    query = {} if key is None else {"key": key}
    status, html = await fetch(f"/board/{GUILD}", **query)
    assert status == 403 and escape(INVALID_LINK) in html
    assert BO not in html and "Study" not in html


async def test_an_expired_key_is_a_403_page(fetch: Fetch, clock: FrozenClock) -> None:
    key = LINKS.key(GUILD, NOW)
    clock.advance(LINKS.lifetime + timedelta(seconds=1))
    status, html = await fetch(f"/board/{GUILD}", key=key)
    assert status == 403 and escape(EXPIRED_LINK) in html


async def test_a_public_board_opens_without_a_key_and_only_that_one(fetch: Fetch) -> None:
    status, html = await fetch(f"/board/{OTHER_GUILD}")
    assert (status, cells(html)) == (200, [])
    assert "No points yet" in html
    assert (await fetch(f"/board/{GUILD}"))[0] == 403


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ({"scope": "Nobody"}, 404, "group"),
        ({"period": "decade"}, 400, "period"),
        ({"season": "121"}, 400, "season"),
        ({"season": "-1"}, 400, "season"),
        ({"period": "all", "season": "1"}, 400, "seasons"),
    ],
)
async def test_bad_navigation_is_a_friendly_page(fetch: Fetch, query: dict[str, str], status: int, says: str) -> None:
    got, html = await fetch(f"/board/{GUILD}", key=LINKS.key(GUILD, NOW), **query)
    assert got == status and says in html.lower()
