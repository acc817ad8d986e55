"""The web leaderboard's HTML: server-rendered, every text escaped, no script; readable on a phone.

Links between boards are relative and carry the page's key (if any), so moving between the server's boards,
its groups and past seasons needs no new link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from bot.service.boards import OLDEST_SEASON
from bot.service.picture_data import period_title
from bot.service.types import BoardScope, GroupBoard, Leaderboard, WebBoard

PERIODS = (("week", "This week"), ("month", "This month"), ("all", "All time"))
UNNAMED = "(name unknown)"

STYLE = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f5f6f8;color:#1c2230}
main{max-width:42rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.3rem 0 .6rem;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:1rem 0 .4rem}
nav{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0}
nav a{padding:.3rem .75rem;border-radius:1rem;background:#e3e6ee;color:inherit;text-decoration:none;
  max-width:100%;overflow-wrap:anywhere}
nav a[aria-current]{background:#3451c6;color:#fff}
table{width:100%;border-collapse:collapse;table-layout:fixed;background:#fff;border-radius:.5rem}
th,td{padding:.5rem .4rem;text-align:left;border-bottom:1px solid #e3e6ee;overflow-wrap:anywhere}
th{font-size:.85rem;color:#555e70}
.place{width:3.2rem}.num{width:5.2rem;text-align:right}
p.empty,p.note{color:#555e70}
"""


@dataclass(frozen=True)
class Place:
    """Where a page is: which server's board, with which key, and the board's scope, period and season."""

    guild_id: int
    key: str | None
    scope: str
    period: str
    season: int

    def href(self, **changes: str | int) -> str:
        """A relative link to this board with some of scope, period or season changed (defaults left out)."""
        values = {"scope": self.scope, "period": self.period, "season": self.season, **changes}
        query = {
            name: value
            for name, value in values.items()
            if value != {"scope": BoardScope.SERVER, "period": "week", "season": 0}[name]
        }
        if self.key:
            query["key"] = self.key
        encoded = urlencode(query)
        return f"/board/{self.guild_id}" + (f"?{encoded}" if encoded else "")


def board_page(page: WebBoard, place: Place) -> str:
    """The whole HTML page of one board."""
    server = page.server_name or "Study server"
    period = page.board.period
    title = period_title(period, page.board.season)
    body = [
        f"<h1>{escape(server)} · leaderboard</h1>",
        _nav("Boards", _scope_links(page, place)),
        _nav("Period", [(place.href(period=p, season=0), label, p == period) for p, label in PERIODS]),
        f"<h2>{escape(_scope_title(page))} · {escape(title)}</h2>",
    ]
    if period != "all":
        body.append(_nav("Seasons", _season_links(page, place)))
    body.append(_member_table(page.members) if page.members is not None else _group_table(page.groups))
    return document(f"{server} leaderboard", "\n".join(body))


def error_page(status: int, message: str) -> str:
    """A short page saying why the board cannot be shown."""
    titles = {400: "Cannot show that board", 403: "Link refused", 404: "Not found", 503: "Try again soon"}
    heading = titles.get(status, "Something went wrong")
    return document(heading, f"<h1>{escape(heading)}</h1>\n<p class=note>{escape(message)}</p>")


def document(title: str, body: str) -> str:
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        '<meta name=robots content="noindex">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n"
        f"<body><main>\n{body}\n</main></body></html>\n"
    )


def _scope_title(page: WebBoard) -> str:
    if page.scope == BoardScope.SERVER:
        return "Everyone"
    if page.scope == BoardScope.GROUPS:
        return "Study groups"
    return f"Group {page.scope}"


def _scope_links(page: WebBoard, place: Place) -> list[tuple[str, str, bool]]:
    fixed = [(BoardScope.SERVER, "Everyone"), (BoardScope.GROUPS, "Study groups")]
    links = [(place.href(scope=scope), label, page.scope == scope) for scope, label in fixed]
    links += [(place.href(scope=name), name, page.scope == name) for name in page.group_names]
    return links


def _season_links(page: WebBoard, place: Place) -> list[tuple[str, str, bool]]:
    links = []
    if page.season < OLDEST_SEASON:
        links.append((place.href(season=page.season + 1), "← Earlier", False))
    if page.season > 0:
        links.append((place.href(season=page.season - 1), "Later →", False))
        links.append((place.href(season=0), "Current", False))
    return links


def _nav(label: str, links: Iterable[tuple[str, str, bool]]) -> str:
    items = "".join(
        f'<a href="{escape(href)}"{" aria-current=page" if current else ""}>{escape(text)}</a>'
        for href, text, current in links
    )
    return f'<nav aria-label="{escape(label)}">{items}</nav>'


def _member_table(board: Leaderboard) -> str:
    if not board.rows:
        return "<p class=empty>No points yet in this season.</p>"
    rows = "".join(
        f"<tr><td class=place>{row.rank}</td><td>{escape(row.name or UNNAMED)}</td>"
        f"<td class=num>{board.streaks.get(row.user_id, 0)}</td><td class=num>{row.points}</td></tr>"
        for row in board.rows
    )
    return (
        "<table><thead><tr><th class=place>Place</th><th>Member</th><th class=num>Streak (days)</th>"
        f"<th class=num>Points</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _group_table(board: GroupBoard | None) -> str:
    if board is None or not board.rows:
        return "<p class=empty>No group has points yet in this season.</p>"
    rows = "".join(
        f"<tr><td class=place>{row.rank}</td><td>{escape(row.name)}</td>"
        f"<td class=num>{row.points_per_member:.1f}</td><td class=num>{row.points}</td></tr>"
        for row in board.rows
    )
    return (
        "<table><thead><tr><th class=place>Place</th><th>Group</th><th class=num>Points per member</th>"
        f"<th class=num>Points</th></tr></thead><tbody>{rows}</tbody></table>"
    )
