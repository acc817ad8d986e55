"""The web leaderboard in a real browser: headless Chromium (the system's, driven by Playwright) over `start_web`.

One browser and one server for the module; each test opens its own context. Where Chromium or Playwright is
missing (`make test` installs both where it can), every test here is skipped with the reason in the summary.
"""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.clock import FrozenClock
from bot.service.board_links import BoardLinks
from bot.service.web_boards import BoardReader
from bot.storage import Database, Repositories
from bot.storage.answers import AnswerEntry
from bot.web import start_web
from tests.web.sample import ADA, BO, GROUP, GUILD, HIDDEN, NOW, fill_boards

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "browser tests need Chromium: `make test` installs it with apt-get as root (apt-get install chromium)",
        allow_module_level=True,
    )
if importlib.util.find_spec("playwright") is None:
    pytest.skip("browser tests need the playwright package (requirements-dev.txt)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402 - only once both are known present

LINKS = BoardLinks(b"browser test secret", "http://unused")
LONG_NAME = "Maximiliana" * 9  # 99 characters without a space: must wrap, not widen the page
PHONE = {"width": 375, "height": 667}


@dataclass(frozen=True)
class Served:
    base: str  # http://127.0.0.1:<port>

    def url(self, key: str | None, **query: str) -> str:
        params = {**query, **({"key": key} if key is not None else {})}
        return f"{self.base}/board/{GUILD}" + (f"?{urlencode(params)}" if params else "")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The sample boards (plus a member with a very long name) served on a free port from a thread of its own."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    url = f"sqlite+aiosqlite:///{Path(tmp_path_factory.mktemp('web')) / 'boards.db'}"

    async def start() -> tuple[Database, Any, int]:
        db = await Database.open(url)
        repos = Repositories.over(db)
        await fill_boards(repos)
        await repos.members.upsert(GUILD, 11, LONG_NAME)
        await repos.answers.record(
            AnswerEntry(GUILD, 11, "long", "quiz", True, 3, NOW - timedelta(minutes=5), "k:long-name", "r")
        )
        runner = await start_web(BoardReader(db, FrozenClock(NOW), LINKS), "127.0.0.1", 0)
        return db, runner, runner.addresses[0][1]

    db, runner, port = asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=60)
    try:
        yield Served(f"http://127.0.0.1:{port}")
    finally:

        async def stop() -> None:
            await runner.cleanup()
            await db.close()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def table(page: Page) -> list[list[str]]:
    return [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in page.locator("tbody tr").all()]


def test_the_board_shows_the_members_and_moves_between_boards(page: Page, served: Served) -> None:
    response = page.goto(served.url(LINKS.key(GUILD, NOW)))
    assert response is not None and response.status == 200
    assert page.title() == "Study <Hall> leaderboard"
    rows = table(page)
    assert rows[:2] == [["1", ADA, "2", "6"], ["2", BO, "1", "3"]]
    assert HIDDEN not in page.content()
    page.get_by_role("link", name="Study groups").click()
    assert table(page) == [["1", GROUP, "3.0", "3"]]
    page.get_by_role("link", name="Everyone").click()
    page.get_by_role("link", name="← Earlier").click()
    assert page.locator("h2").inner_text() == "Everyone · Week of 23 Feb 2026"
    assert table(page) == [["1", ADA, "2", "3"]]


@pytest.mark.parametrize(
    ("key", "says"),
    [
        (LINKS.key(GUILD, NOW)[:-2] + "xx", "not valid"),
        (LINKS.key(GUILD, NOW - LINKS.lifetime - timedelta(seconds=1)), "expired"),
        (None, "not valid"),
    ],
)
def test_a_tampered_expired_or_missing_key_gets_the_refusal_page(
    page: Page, served: Served, key: str | None, says: str
) -> None:
    response = page.goto(served.url(key))
    assert response is not None and response.status == 403
    assert page.locator("h1").inner_text() == "Link refused"
    assert says in page.locator("p").inner_text()
    assert page.locator("table").count() == 0 and ADA not in page.content()


def test_a_phone_reads_the_board_without_scrolling_sideways(browser: Browser, served: Served) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(served.url(LINKS.key(GUILD, NOW)))
        assert LONG_NAME in page.locator("tbody").inner_text().replace("\n", "")
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths == [PHONE["width"], PHONE["width"]]
        box = page.locator("table").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('td')).fontSize)")
        assert font >= 14  # readable without zooming
    finally:
        context.close()
