"""Signed board links: a key opens its own server's boards until it expires; any change to it is refused."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.errors import NotAllowed
from bot.service.board_links import EXPIRED_LINK, INVALID_LINK, BoardLinks, board_links, board_secret, secret_path
from bot.settings import PathSettings, Settings, WebSettings

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
LINKS = BoardLinks(b"a secret", "https://boards.example/")


def test_a_fresh_key_opens_its_server_until_it_expires() -> None:
    key = LINKS.key(1, NOW)
    LINKS.check(1, key, NOW + timedelta(days=29))
    with pytest.raises(NotAllowed, match=EXPIRED_LINK):
        LINKS.check(1, key, NOW + timedelta(days=30))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda key: None,
        lambda key: "",
        lambda key: "garbage",
        lambda key: key.split(".")[0],  # the signature cut off
        lambda key: f"{int(key.split('.')[0]) + 86400}.{key.split('.')[1]}",  # a later expiry, same signature
        lambda key: key[:-1] + ("A" if key[-1] != "A" else "B"),  # one character of the signature changed
        lambda key: f"-5.{key.split('.')[1]}",
        lambda key: BoardLinks(b"another secret", "x").key(1, NOW),  # signed with another secret
    ],
)
def test_a_missing_or_changed_key_is_refused(tamper: Callable[[str], str | None]) -> None:
    with pytest.raises(NotAllowed, match=INVALID_LINK):
        LINKS.check(1, tamper(LINKS.key(1, NOW)), NOW)


def test_a_key_opens_no_other_server() -> None:
    with pytest.raises(NotAllowed, match=INVALID_LINK):
        LINKS.check(2, LINKS.key(1, NOW), NOW)


def test_links_are_signed_unless_the_board_is_public() -> None:
    signed = urlsplit(LINKS.url(7, NOW, public=False))
    assert (signed.scheme, signed.netloc, signed.path) == ("https", "boards.example", "/board/7")
    LINKS.check(7, parse_qs(signed.query)["key"][0], NOW)
    assert LINKS.url(7, NOW, public=True) == "https://boards.example/board/7"


def test_the_secret_is_made_once_in_the_data_folder_and_kept_private(tmp_path: Path) -> None:
    settings = Settings(paths=PathSettings(root=tmp_path))
    first = board_secret(settings)
    assert len(first) >= 40
    assert board_secret(settings) == first
    assert stat.S_IMODE(secret_path(settings).stat().st_mode) == 0o600
    assert board_secret(settings.changed(web={"secret": "from the environment"})) == b"from the environment"


def test_no_links_without_a_public_address(tmp_path: Path) -> None:
    assert board_links(Settings(paths=PathSettings(root=tmp_path))) is None
    assert not secret_path(Settings(paths=PathSettings(root=tmp_path))).exists()
    links = board_links(Settings(paths=PathSettings(root=tmp_path), web=WebSettings(url="http://host:9")))
    assert links is not None and links.url(1, NOW, public=True) == "http://host:9/board/1"
