"""A small server's boards for the web tests, written through storage: who should and should not be shown.

Guild 1, in UTC; the clock stands at NOW (Monday 2 March 2026, 13:00 UTC).
- Ada (a name with markup) studied last Sunday (3 points, last week) and today (6 points): streak 2.
- Bo studied today (3 points) and is in the group Night Owls.
- Hal scored most this week but a manager hid him; Lea scored and left the server: neither may appear.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from bot.storage import GuildSettings, Repositories
from bot.storage.answers import AnswerEntry
from tests.storage.conftest import T0

GUILD = 1
OTHER_GUILD = 2
NOW = T0 + timedelta(hours=1)
ADA = 'Ada <b>&amp; "friends"</b>'
BO = "Bo"
GROUP = "Night Owls"
HIDDEN = "Hidden Hal"
LEFT = "Lea Left"


async def fill_boards(repos: Repositories, *, public: bool = False) -> None:
    await repos.settings.save(GuildSettings(GUILD, server_name="Study <Hall>", board_public=public), T0)
    await repos.settings.save(GuildSettings(OTHER_GUILD, server_name="Elsewhere", board_public=True), T0)
    for user, name in ((5, ADA), (6, BO), (7, HIDDEN), (8, LEFT)):
        await repos.members.upsert(GUILD, user, name)
    await repos.members.set_hidden(GUILD, 7, True)
    await repos.members.mark_left(GUILD, 8)
    for user, prompt, hours in ((5, "p", -24), (5, "q", 0), (5, "r", 0), (6, "p", 0)):
        await _answer(repos, user, prompt, hours)
    for prompt in "stuvw":
        await _answer(repos, 7, prompt, 0)
        await _answer(repos, 8, prompt, 0)
    await repos.groups.create(GUILD, GROUP, 6, T0)


async def _answer(repos: Repositories, user: int, prompt: str, hours: int) -> None:
    at = T0 + timedelta(hours=hours)
    await repos.answers.record(AnswerEntry(GUILD, user, prompt, "quiz", True, 3, at, f"k:{uuid.uuid4().hex}", "r"))
