"""Named settings read from the environment: a clear error naming a bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import BadSetting, Settings


@pytest.mark.parametrize("bad", ["zero", "0", "-2", "1.5"])
def test_the_leech_threshold_is_a_setting_and_a_bad_value_is_named(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("TUTORBOT_LEECH_LAPSES", "5")
    assert Settings.from_env().leech_lapses == 5
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
    assert (settings.web_port, settings.shard_count, settings.shard_ids) == (9000, 4, (0, 2))


def test_dotenv_fills_what_the_environment_does_not_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text('# local settings\nTUTORBOT_WEB_PORT=9100\nTUTORBOT_WEB_URL="https://x.test/"\n')
    monkeypatch.setenv("TUTORBOT_WEB_URL", "recorded, so that the value .env sets is removed after the test")
    monkeypatch.delenv("TUTORBOT_WEB_URL")
    monkeypatch.setenv("TUTORBOT_WEB_PORT", "9200")
    settings = Settings.from_env(tmp_path)
    assert (settings.web_port, settings.web_url) == (9200, "https://x.test")
