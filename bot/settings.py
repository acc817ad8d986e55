"""Settings, grouped (paths, storage, retrieval, discord, quiz, web, uploads), read from the environment and a
git-ignored `.env` by pydantic-settings once at start (`Settings.from_env`).

Every variable is `TUTORBOT_*` except `DISCORD_TOKEN` and `DATABASE_URL`; docs/configuration.md lists them all.
Built directly (`Settings()`, `WebSettings(port=9000)`: tests, tools) a group holds what it is given and its
defaults, never the environment. A value tutorbot cannot use raises BadSetting naming the variable.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PositiveFloat, PositiveInt, ValidationError
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DOTENV_FILE = ".env"  # beside the checkout, git-ignored

_READING_ENVIRONMENT: ContextVar[bool] = ContextVar("reading_environment", default=False)


class BadSetting(ValueError):
    """An environment setting has a value tutorbot cannot use; the message names it (the CLI prints it alone)."""


def _shard_list(raw: object) -> object:
    """`"0, 2"` → (0, 2); anything but shard numbers separated by commas raises ValueError."""
    if not isinstance(raw, str):
        return raw
    parts = [part.strip() for part in raw.split(",")]
    if not all(part.isdigit() for part in parts):
        raise ValueError("must list shard numbers separated by commas (e.g. 0,1)")
    return tuple(int(part) for part in parts)


def _without_trailing_slash(raw: object) -> object:
    return (raw.rstrip("/") or None) if isinstance(raw, str) else raw


Port = Annotated[int, Field(ge=1, le=65535)]
ShardIds = Annotated[tuple[int, ...] | None, NoDecode, BeforeValidator(_shard_list)]
BaseUrl = Annotated[str | None, BeforeValidator(_without_trailing_slash)]


class SettingsGroup(BaseSettings):
    """One group of settings: `TUTORBOT_` + the field's name in capitals unless the field names its variable."""

    model_config = SettingsConfigDict(
        env_prefix="TUTORBOT_", env_ignore_empty=True, extra="ignore", frozen=True, populate_by_name=True
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The environment, then `.env`, only inside `Settings.from_env`; given values always win."""
        return (init_settings, env_settings, dotenv_settings) if _READING_ENVIRONMENT.get() else (init_settings,)

    @classmethod
    def variable(cls, field: str) -> str:
        """The environment variable of `field` (e.g. "port" of WebSettings → "TUTORBOT_WEB_PORT")."""
        alias = cls.model_fields[field].validation_alias
        return alias if isinstance(alias, str) else f"{cls.model_config.get('env_prefix', '')}{field}".upper()


class PathSettings(SettingsGroup):
    """Where the notes, the index and tutorbot's own files live (`root`: the checkout, not read from the
    environment)."""

    root: Path = Field(default=REPO_ROOT, exclude=True)
    corpus: Path | None = Field(default=None, validation_alias="TUTORBOT_CORPUS")  # None: <root>/corpus
    index: Path | None = Field(default=None, validation_alias="TUTORBOT_INDEX")  # None: <root>/index

    @property
    def corpus_dir(self) -> Path:
        """The notes folder (markdown, PDF and Word files, and the notes' profile.toml)."""
        return self.corpus or self.root / "corpus"

    @property
    def index_dir(self) -> Path:
        """The built index of the notes (and each server's own notes under it)."""
        return self.index or self.root / "index"

    @property
    def data_dir(self) -> Path:
        """Where the bot keeps its own files: the SQLite database by default, the web secret, console history."""
        return self.root / "data"


class StorageSettings(SettingsGroup):
    """The database: any SQLAlchemy async URL (SQLite or PostgreSQL); None is SQLite in the data folder."""

    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")


class RetrievalSettings(SettingsGroup):
    """How notes are embedded and searched."""

    model: str | None = None  # sentence-transformers name or path; None = the packaged all-MiniLM-L6-v2


class DiscordSettings(SettingsGroup):
    """How the bot connects to Discord, how often its loops run and how fast a member may ask."""

    token: str | None = Field(default=None, validation_alias="DISCORD_TOKEN", repr=False)
    shard_count: PositiveInt | None = None
    shard_ids: ShardIds = None  # the shards this process runs (None: all of shard_count, or Discord's choice)
    members_intent: bool = False  # privileged: lets the bot hear that a member left (hidden from leaderboards)
    ask_rate: PositiveInt = 3  # questions a member may ask (/ask, mentions, direct messages together) ...
    ask_per_seconds: PositiveFloat = 30.0  # ... in this many seconds
    check_rate: PositiveInt = 3  # practice questions a member may /check ...
    check_per_seconds: PositiveFloat = 60.0  # ... in this many seconds
    loop_seconds: PositiveFloat = 30.0  # how often the bot looks for daily posts, reveals, season ends, mock deadlines
    rewards_seconds: PositiveFloat = 300.0  # how often it gives and takes reward roles
    shutdown_grace_seconds: PositiveFloat = 10.0  # at a stop, how long a loop's round in progress may still run


class QuizSettings(SettingsGroup):
    """Rules of quizzing a server operator may tune."""

    leech_lapses: PositiveInt = 8  # wrong answers after which an item is a leech, set aside (Anki's 8)
    reports_to_suspend: PositiveInt = 3  # members whose reports suspend a question in their server


class WebSettings(SettingsGroup):
    """The web leaderboard (`tutorbot web`, or the bot with `in_bot`)."""

    model_config = SettingsConfigDict(env_prefix="TUTORBOT_WEB_")

    url: BaseUrl = None  # its public address; /leaderboard gives links only when set
    host: str = "127.0.0.1"  # where it listens
    port: Port = 8080
    in_bot: bool = False  # the bot process serves it too
    secret: str | None = Field(default=None, repr=False)  # signs board links; None: data/web-secret (made once)


class UploadSettings(SettingsGroup):
    """How much each server may upload as its own notes (sizes in MiB)."""

    model_config = SettingsConfigDict(env_prefix="TUTORBOT_UPLOAD_")

    file_mib: PositiveInt = 10  # one file (Discord's own attachment limit for a server without boosts)
    pages: PositiveInt = 500  # of one PDF
    files_per_server: PositiveInt = 50
    server_mib: PositiveInt = 100  # every file of one server together, as uploaded


class Settings(BaseModel):
    """Every setting, by group; each group has working defaults. A language model's settings would be a group
    beside these."""

    model_config = ConfigDict(frozen=True)

    paths: PathSettings = Field(default_factory=PathSettings)
    storage: StorageSettings = Field(default_factory=StorageSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    discord: DiscordSettings = Field(default_factory=DiscordSettings)
    quiz: QuizSettings = Field(default_factory=QuizSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    uploads: UploadSettings = Field(default_factory=UploadSettings)

    @property
    def database_url(self) -> str:
        """The database's SQLAlchemy URL: DATABASE_URL, else SQLite at <data folder>/tutorbot.db."""
        return self.storage.database_url or f"sqlite+aiosqlite:///{self.paths.data_dir / 'tutorbot.db'}"

    def changed(self, **groups: dict[str, Any]) -> Settings:
        """A copy with some fields of some groups changed, e.g. `changed(storage={"database_url": url})` (field
        names, not variable names; the values are taken as given)."""
        return self.model_copy(
            update={name: getattr(self, name).model_copy(update=fields) for name, fields in groups.items()}
        )

    @classmethod
    def from_env(cls, root: Path = REPO_ROOT) -> Settings:
        """Read every group from the environment, then `<root>/.env` (which never overrides the environment);
        BadSetting names the first variable whose value cannot be used."""
        with _reading_environment():
            groups: dict[str, SettingsGroup] = {}
            for name, field in cls.model_fields.items():
                group = field.annotation
                assert isinstance(group, type) and issubclass(group, SettingsGroup)
                extra = {"root": root} if group is PathSettings else {}
                try:
                    # `_env_file` is pydantic-settings' per-call .env override, which its stubs do not declare
                    groups[name] = group(_env_file=root / DOTENV_FILE, **extra)  # type: ignore[call-arg]
                except ValidationError as error:
                    raise _bad_setting(group, error) from None
        return cls.model_validate(groups)


@contextmanager
def _reading_environment() -> Iterator[None]:
    token = _READING_ENVIRONMENT.set(True)
    try:
        yield
    finally:
        _READING_ENVIRONMENT.reset(token)


def _bad_setting(group: type[SettingsGroup], error: ValidationError) -> BadSetting:
    """BadSetting for the first problem: "<VARIABLE> <what is wrong>, not <value>"."""
    problem = error.errors()[0]
    field = str(problem["loc"][0]) if problem["loc"] else ""
    name = group.variable(field) if field in group.model_fields else field.upper()
    cause = problem.get("ctx", {}).get("error")
    what = str(cause) if isinstance(cause, ValueError) else problem["msg"][0].lower() + problem["msg"][1:]
    return BadSetting(f"{name}: {what}, not {problem['input']!r}")
