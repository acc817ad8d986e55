"""Links to a server's web leaderboard: signed (HMAC-SHA256, with an expiry) unless the server made its board public.

A signed link's key is `<expiry>.<signature>`: the expiry in Unix seconds, and the URL-safe base64 HMAC of
`board:<guild id>:<expiry>` under the secret. A key opens every board of its one server (server, groups, past
seasons) until it expires; changing the guild id, the expiry or the signature invalidates it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from bot.errors import NotAllowed
from bot.settings import Settings

LINK_LIFETIME = timedelta(days=30)
SECRET_FILE = "web-secret"
SECRET_BYTES = 32
INVALID_LINK = "This leaderboard link is not valid. Ask for a new one with /leaderboard in the server."
EXPIRED_LINK = "This leaderboard link has expired. Ask for a new one with /leaderboard in the server."


def board_secret(settings: Settings) -> bytes:
    """The secret that signs board links: `settings.web.secret`, else the one kept in the data folder (made with
    owner-only permissions the first time, so every process of the bot and `tutorbot web` share it)."""
    if settings.web.secret:
        return settings.web.secret.encode()
    path = secret_path(settings)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it meanwhile: use theirs
            pass
        else:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(SECRET_BYTES))
    secret = path.read_text(encoding="utf-8").strip()
    if not secret:
        raise NotAllowed(f"The web leaderboard's secret file {path} is empty: delete it to make a new one.")
    return secret.encode()


class BoardLinks:
    """Makes and checks the links of servers' web leaderboards under one secret."""

    def __init__(self, secret: bytes, base_url: str, lifetime: timedelta = LINK_LIFETIME) -> None:
        self._secret = secret
        self.base_url = base_url.rstrip("/")
        self.lifetime = lifetime

    def key(self, guild_id: int, now: datetime) -> str:
        """A key opening the server's boards until `now + lifetime`: `<expiry seconds>.<signature>`."""
        expires = int((now + self.lifetime).timestamp())
        return f"{expires}.{self._signature(guild_id, expires)}"

    def url(self, guild_id: int, now: datetime, *, public: bool) -> str:
        """The address of the server's web leaderboard: bare when public, else with a fresh key."""
        address = f"{self.base_url}/board/{guild_id}"
        return address if public else f"{address}?{urlencode({'key': self.key(guild_id, now)})}"

    def check(self, guild_id: int, key: str | None, now: datetime) -> None:
        """Accept a key for the server's boards, or raise NotAllowed: missing, malformed, tampered or expired."""
        expires_text, _, signature = (key or "").partition(".")
        if not expires_text.isdigit() or not hmac.compare_digest(
            signature.encode(), self._signature(guild_id, int(expires_text)).encode()
        ):
            raise NotAllowed(INVALID_LINK)
        if int(expires_text) <= now.timestamp():
            raise NotAllowed(EXPIRED_LINK)

    def _signature(self, guild_id: int, expires: int) -> str:
        digest = hmac.new(self._secret, f"board:{guild_id}:{expires}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def board_links(settings: Settings) -> BoardLinks | None:
    """The links of this installation's web leaderboard, or None when it has no public address (web board off)."""
    return BoardLinks(board_secret(settings), settings.web.url) if settings.web.url else None


def serving_links(settings: Settings, host: str, port: int) -> BoardLinks:
    """The links a web leaderboard on host:port checks (and would make, at `http://host:port` when no address is
    set)."""
    return board_links(settings) or BoardLinks(board_secret(settings), f"http://{host}:{port}")


def secret_path(settings: Settings) -> Path:
    """Where the generated secret is kept when `TUTORBOT_WEB_SECRET` is not set."""
    return settings.paths.data_dir / SECRET_FILE
