"""Named settings read from the environment: a clear error naming a bad value."""

from __future__ import annotations

import pytest

from bot.settings import BadSetting, Settings


@pytest.mark.parametrize("bad", ["zero", "0", "-2", "1.5"])
def test_the_leech_threshold_is_a_setting_and_a_bad_value_is_named(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("TUTORBOT_LEECH_LAPSES", "5")
    assert Settings.from_env().leech_lapses == 5
    monkeypatch.setenv("TUTORBOT_LEECH_LAPSES", bad)
    with pytest.raises(BadSetting, match="TUTORBOT_LEECH_LAPSES"):
        Settings.from_env()
