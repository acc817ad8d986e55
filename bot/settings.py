"""Settings from the environment (and a git-ignored `.env`), resolved once at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv

REPO_ROOT = Path(__file__).resolve().parent.parent


class BadSetting(ValueError):
    """An environment setting has a value tutorbot cannot use; the message names it (the CLI prints it alone)."""


def positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    """The whole number above 0 in `env[name]`, else `default` when unset; anything else raises BadSetting."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BadSetting(f"{name} must be a whole number above 0, not {raw!r}")
    return int(raw)


def port(env: Mapping[str, str], name: str, default: int) -> int:
    """A TCP port (1-65535) in `env[name]`, else `default` when unset; anything else raises BadSetting."""
    number = positive_int(env, name, default)
    if number > 65535:
        raise BadSetting(f"{name} must be a port number from 1 to 65535, not {number}")
    return number


def shard_ids(env: Mapping[str, str], name: str) -> tuple[int, ...] | None:
    """Comma-separated shard numbers (0 and up) in `env[name]`, or None when unset; else BadSetting."""
    raw = env.get(name, "").strip()
    if not raw:
        return None
    parts = [part.strip() for part in raw.split(",")]
    if not all(part.isdigit() for part in parts):
        raise BadSetting(f"{name} must list shard numbers separated by commas (e.g. 0,1), not {raw!r}")
    return tuple(int(part) for part in parts)


@dataclass(frozen=True)
class Settings:
    """Where things live and how the bot connects; every field has a working default."""

    root: Path = REPO_ROOT
    corpus_dir: Path = REPO_ROOT / "corpus"
    index_dir: Path = REPO_ROOT / "index"
    database_url: str = field(default_factory=lambda: f"sqlite+aiosqlite:///{REPO_ROOT / 'data' / 'tutorbot.db'}")
    model: str | None = None  # sentence-transformers name or path; None = the packaged all-MiniLM-L6-v2
    discord_token: str | None = field(default=None, repr=False)
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    members_intent: bool = False  # privileged: lets the bot hear that a member left (hidden from leaderboards)
    leech_lapses: int = 8  # wrong answers after which a prompt is a leech, set aside for its passage (Anki's 8)
    reports_to_suspend: int = 3  # members whose reports suspend a question in their server (a manager's suffices)
    web_url: str | None = None  # the web leaderboard's public address; /leaderboard gives links only when set
    web_host: str = "127.0.0.1"  # where `tutorbot web` (or the bot with web_in_bot) listens
    web_port: int = 8080
    web_in_bot: bool = False  # the bot process serves the web leaderboard too
    web_secret: str | None = field(default=None, repr=False)  # signs board links; None: data/web-secret (made once)

    @property
    def data_dir(self) -> Path:
        """Where the bot keeps its own files (the SQLite database by default, the web secret)."""
        return self.root / "data"

    @classmethod
    def from_env(cls, root: Path = REPO_ROOT) -> Settings:
        load_dotenv(root / ".env", override=False)
        env = os.environ
        return cls(
            root=root,
            corpus_dir=Path(env.get("TUTORBOT_CORPUS", root / "corpus")),
            index_dir=Path(env.get("TUTORBOT_INDEX", root / "index")),
            database_url=env.get("DATABASE_URL") or f"sqlite+aiosqlite:///{root / 'data' / 'tutorbot.db'}",
            model=env.get("TUTORBOT_MODEL") or None,
            discord_token=env.get("DISCORD_TOKEN") or None,
            shard_count=positive_int(env, "TUTORBOT_SHARD_COUNT", 0) or None,
            shard_ids=shard_ids(env, "TUTORBOT_SHARD_IDS"),
            members_intent=_flag(env.get("TUTORBOT_MEMBERS_INTENT")),
            leech_lapses=positive_int(env, "TUTORBOT_LEECH_LAPSES", cls.leech_lapses),
            reports_to_suspend=positive_int(env, "TUTORBOT_REPORTS_TO_SUSPEND", cls.reports_to_suspend),
            web_url=(env.get("TUTORBOT_WEB_URL") or "").rstrip("/") or None,
            web_host=env.get("TUTORBOT_WEB_HOST") or "127.0.0.1",
            web_port=port(env, "TUTORBOT_WEB_PORT", cls.web_port),
            web_in_bot=_flag(env.get("TUTORBOT_WEB_IN_BOT")),
            web_secret=env.get("TUTORBOT_WEB_SECRET") or None,
        )


def _flag(value: str | None) -> bool:
    return (value or "").lower() in {"1", "true", "yes"}
