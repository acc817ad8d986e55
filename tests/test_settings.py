"""Named settings read from the environment: a clear error naming a bad value."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from discord import app_commands

from bot.discord.ask._cog import AskCog
from bot.discord.check._cog import CheckCog
from bot.knowledge.intake import UploadLimits
from bot.settings import BadSetting, Settings
from bot.uploads.service import upload_limits


@pytest.mark.parametrize("bad", ["zero", "0", "-2", "1.5"])
def test_the_leech_threshold_is_a_setting_and_a_bad_value_is_named(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("TUTORBOT_LEECH_LAPSES", "5")
    assert Settings.from_env().quiz.leech_lapses == 5
    monkeypatch.setenv("TUTORBOT_LEECH_LAPSES", bad)
    with pytest.raises(BadSetting, match="TUTORBOT_LEECH_LAPSES"):
        Settings.from_env()


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("TUTORBOT_WEB_PORT", "eighty"),
        ("TUTORBOT_WEB_PORT", "70000"),
        ("TUTORBOT_SHARD_COUNT", "two"),
        ("TUTORBOT_SHARD_IDS", "0;1"),
        ("TUTORBOT_SHARD_IDS", "-1"),
    ],
)
def test_a_bad_number_is_named_not_a_traceback(monkeypatch: pytest.MonkeyPatch, name: str, bad: str) -> None:
    monkeypatch.setenv(name, bad)
    with pytest.raises(BadSetting, match=name):
        Settings.from_env()


def test_numbers_and_shards_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTORBOT_WEB_PORT", "9000")
    monkeypatch.setenv("TUTORBOT_SHARD_COUNT", "4")
    monkeypatch.setenv("TUTORBOT_SHARD_IDS", "0, 2")
    settings = Settings.from_env()
    assert (settings.web.port, settings.discord.shard_count, settings.discord.shard_ids) == (9000, 4, (0, 2))


def test_the_discord_knobs_are_read_and_a_bad_one_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTORBOT_ASK_RATE", "5")
    monkeypatch.setenv("TUTORBOT_LOOP_SECONDS", "12.5")
    discord = Settings.from_env().discord
    assert (discord.ask_rate, discord.ask_per_seconds, discord.loop_seconds) == (5, 30.0, 12.5)
    monkeypatch.setenv("TUTORBOT_CHECK_PER_SECONDS", "0")
    with pytest.raises(BadSetting, match="TUTORBOT_CHECK_PER_SECONDS"):
        Settings.from_env()


def test_the_ask_and_check_limits_are_the_operators_settings() -> None:
    settings = Settings().changed(discord={"ask_rate": 1, "ask_per_seconds": 600, "check_rate": 2})
    bot = SimpleNamespace(settings=settings)  # all the cogs read at construction
    ask, check = AskCog(bot), CheckCog(bot)  # type: ignore[arg-type]
    ask.limit.check(1, 7)
    with pytest.raises(app_commands.CommandOnCooldown):
        ask.limit.check(1, 7)
    check.limit.check(1, 7)
    check.limit.check(1, 7)
    with pytest.raises(app_commands.CommandOnCooldown):
        check.limit.check(1, 7)


def test_dotenv_fills_what_the_environment_does_not_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text('# local settings\nTUTORBOT_WEB_PORT=9100\nTUTORBOT_WEB_URL="https://x.test/"\n')
    monkeypatch.setenv("TUTORBOT_WEB_URL", "recorded, so that the value .env sets is removed after the test")
    monkeypatch.delenv("TUTORBOT_WEB_URL")
    monkeypatch.setenv("TUTORBOT_WEB_PORT", "9200")
    settings = Settings.from_env(tmp_path)
    assert (settings.web.port, settings.web.url) == (9200, "https://x.test")


def test_settings_built_in_code_never_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://someone@production/db")
    monkeypatch.setenv("TUTORBOT_WEB_PORT", "9000")
    settings = Settings()
    assert settings.database_url == f"sqlite+aiosqlite:///{settings.paths.data_dir / 'tutorbot.db'}"
    assert settings.web.port == 8080
    assert Settings.from_env().database_url == "postgresql+asyncpg://someone@production/db"


def test_the_folders_follow_the_root_unless_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = Settings.from_env(tmp_path)
    assert (settings.paths.corpus_dir, settings.paths.index_dir) == (tmp_path / "corpus", tmp_path / "index")
    assert settings.database_url.endswith(f"{tmp_path / 'data' / 'tutorbot.db'}")
    monkeypatch.setenv("TUTORBOT_INDEX", str(tmp_path / "elsewhere"))
    assert Settings.from_env(tmp_path).paths.index_dir == tmp_path / "elsewhere"


def test_upload_limits_are_settings_in_mib(monkeypatch: pytest.MonkeyPatch) -> None:
    assert upload_limits(Settings().uploads) == UploadLimits()  # the defaults agree
    monkeypatch.setenv("TUTORBOT_UPLOAD_FILE_MIB", "25")
    monkeypatch.setenv("TUTORBOT_UPLOAD_FILES_PER_SERVER", "7")
    limits = upload_limits(Settings.from_env().uploads)
    assert (limits.file_bytes, limits.files_per_server, limits.pages) == (25 * 1024 * 1024, 7, UploadLimits().pages)
    monkeypatch.setenv("TUTORBOT_UPLOAD_SERVER_MIB", "lots")
    with pytest.raises(BadSetting, match="TUTORBOT_UPLOAD_SERVER_MIB"):
        Settings.from_env()
