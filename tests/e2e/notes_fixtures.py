"""Members for the tests of servers' own notes: the study server's manager (Manage Server) and a member."""

from __future__ import annotations

import pytest

from tests.fake_discord import FakeDiscord, FakeGuild, FakeMember


@pytest.fixture
def manager(fake: FakeDiscord, guild: FakeGuild) -> FakeMember:
    return fake.add_member(guild, "boss", manage_guild=True)


@pytest.fixture
def member(fake: FakeDiscord, guild: FakeGuild) -> FakeMember:
    return fake.add_member(guild, "ana")
