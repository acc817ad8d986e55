"""The web leaderboard's two sides in the service: the address a server's members are given (`WebBoardAddress`,
for /leaderboard) and the read side the web pages use (`BoardReader`, over the database alone: no model, no
index)."""

from __future__ import annotations

from dataclasses import replace

from bot.clock import Clock, SystemClock
from bot.errors import InvalidInput
from bot.service.board_links import BoardLinks
from bot.service.boards import LEADERBOARD_ROWS, OLDEST_SEASON, Boards
from bot.service.types import BoardScope, GroupBoard, WebBoard
from bot.settings import Settings
from bot.storage import Database, Repositories

BAD_SEASON = f"The season is a whole number from 0 (the current one) to {OLDEST_SEASON}."


class WebBoardAddress:
    """Gives out the address of a server's web leaderboard (when this installation has one: `links`)."""

    def __init__(self, repos: Repositories, clock: Clock, links: BoardLinks | None) -> None:
        self.repos = repos
        self.clock = clock
        self.links = links

    async def of(self, guild_id: int, server_name: str) -> str | None:
        """The address of the server's web leaderboard (signed, valid 30 days, unless the server made it public);
        None when this installation has no web leaderboard. Keeps the server's name to title the page."""
        if self.links is None:
            return None
        server = await self.repos.settings.get(guild_id)
        if server.server_name != server_name:
            server = await self.repos.settings.save(replace(server, server_name=server_name), self.clock.now())
        return self.links.url(guild_id, self.clock.now(), public=server.board_public)


class BoardReader:
    """The read side of the boards for the web leaderboard, over the database alone (no model, no index).

    Every page is checked first: a server's boards open with a valid key of its own (`BoardLinks`), or without
    one when a manager made them public. They show what the server's own boards show: names, places, points and
    streaks of the members on them (members who left or were hidden stay off), and study groups' points.
    """

    def __init__(self, db: Database, clock: Clock, links: BoardLinks) -> None:
        self.db = db
        self.clock = clock
        self.links = links
        self.repos = Repositories.over(db)
        self.boards = Boards(self.repos, clock)

    @classmethod
    async def open(cls, settings: Settings, links: BoardLinks, *, clock: Clock | None = None) -> BoardReader:
        """Open (and migrate) the database of `settings`."""
        return cls(await Database.open(settings.database_url), clock or SystemClock(), links)

    async def close(self) -> None:
        await self.db.close()

    async def page(
        self,
        guild_id: int,
        key: str | None,
        scope: str = BoardScope.SERVER,
        period: str = "week",
        season: str | int = 0,
    ) -> WebBoard:
        """One board of the server: `scope` a BoardScope word or a group's name; `season` 0 to 120 back.

        NotAllowed: the board is not public and the key is missing, tampered or expired (nothing else is read);
        NotFound: no such group; InvalidInput: an unknown period or a season out of range.
        """
        server = await self.repos.settings.get(guild_id)
        if not server.board_public:
            self.links.check(guild_id, key, self.clock.now())
        ago = _season_number(season)
        group_names = tuple(group.name for group in await self.repos.groups.list_groups(guild_id))
        board = await self.boards.board(guild_id, scope, period, ago, streak_rows=LEADERBOARD_ROWS)
        if isinstance(board, GroupBoard):
            return WebBoard(server.server_name, BoardScope.GROUPS, ago, group_names, groups=board)
        return WebBoard(server.server_name, board.scope, ago, group_names, members=board)


def _season_number(season: str | int) -> int:
    """The season asked for (0 to OLDEST_SEASON); InvalidInput for anything else."""
    text = str(season).strip()
    if not text.isdigit() or int(text) > OLDEST_SEASON:
        raise InvalidInput(BAD_SEASON)
    return int(text)
