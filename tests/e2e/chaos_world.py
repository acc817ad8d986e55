"""The world of the chaos test: servers with their members and daily-quiz settings, and the seeded plan of what
goes wrong in it (channels that refuse the bot for a day, posts a moderator deletes, restarts)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.service.types import Who
from tests.fake_discord import FakeDiscord, FakeGuild, FakeMember
from tests.fake_discord.entities import FakeChannel

ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney")  # New York's DST starts on day 7
POST_TIMES = ("07:15", "09:00", "12:30", "17:45", "20:10")
REVEAL_DELAYS = (45, 60, 90, 120)  # minutes
BLOCK_LEAD = timedelta(minutes=30)  # a refusing channel refuses from before the post time...
BLOCK_TAIL = timedelta(hours=4)  # ...until well after the last attempt of its day (4 attempts over ~80 min)


@dataclass(frozen=True)
class Server:
    """One study server: its daily channel, members and settings; `clicks`: its members answer over the wire."""

    guild: FakeGuild
    members: tuple[FakeMember, ...]
    post_time: str
    time_zone: str
    reveal_delay_minutes: int
    clicks: bool

    @property
    def id(self) -> int:
        return self.guild.id

    @property
    def channel(self) -> FakeChannel:
        return self.guild.text_channels[1]

    @property
    def manager(self) -> Who:
        return Who(self.guild.id, 1, "lead", is_manager=True)

    def who(self, member: FakeMember) -> Who:
        return Who(self.guild.id, member.id, member.name)

    def post_moment(self, day: date) -> datetime:
        """When the post of local `day` is due (aware, UTC)."""
        hours, minutes = (int(part) for part in self.post_time.split(":"))
        local = datetime.combine(day, time(hours, minutes), tzinfo=ZoneInfo(self.time_zone))
        return local.astimezone(ZoneInfo("UTC"))

    def step_due_around(self, now: datetime, span: timedelta) -> bool:
        """Whether the post or the reveal of the local day was due within `span` before `now`."""
        post = self.post_moment(now.astimezone(ZoneInfo(self.time_zone)).date())
        reveal = post + timedelta(minutes=self.reveal_delay_minutes)
        return any(now - span <= moment <= now for moment in (post, reveal))

    def days_posted_between(self, start: datetime, end: datetime) -> list[date]:
        """The local days whose post is due within [start, end)."""
        first = start.astimezone(ZoneInfo(self.time_zone)).date() - timedelta(days=1)
        days = (first + timedelta(days=n) for n in range((end - start).days + 3))
        return [day for day in days if start <= self.post_moment(day) < end]


@dataclass(frozen=True)
class Block:
    """A server-day on which the daily channel refuses the bot (403) at post time or only at reveal time."""

    server: Server
    day: date
    at_reveal: bool

    @property
    def start(self) -> datetime:
        post = self.server.post_moment(self.day)
        return post + timedelta(minutes=self.server.reveal_delay_minutes - 10) if self.at_reveal else post - BLOCK_LEAD

    @property
    def end(self) -> datetime:
        return self.server.post_moment(self.day) + timedelta(minutes=self.server.reveal_delay_minutes) + BLOCK_TAIL


@dataclass
class Plan:
    """The seeded plan of the faults tied to server-days and moments (the per-tick faults are drawn as it runs)."""

    blocks: list[Block] = field(default_factory=list)
    restarts: dict[int, str] = field(default_factory=dict)  # tick number -> "sigterm" or "crash"

    def denied(self, server: Server, now: datetime) -> bool:
        return any(b.server is server and b.start <= now < b.end for b in self.blocks)


def build_servers(fake: FakeDiscord, rng: random.Random, servers: int, members: int, clicking: int) -> list[Server]:
    """`servers` guilds of `members` members each, before the bot connects; the first `clicking` answer by buttons."""
    built = []
    for number in range(servers):
        guild = fake.add_guild(f"Server {number:02d}", channels=("general", "daily-quiz"))
        people = tuple(fake.add_member(guild, f"m{number:02d}-{n:02d}") for n in range(members))
        built.append(
            Server(
                guild,
                people,
                rng.choice(POST_TIMES),
                ZONES[number % len(ZONES)],
                rng.choice(REVEAL_DELAYS),
                clicks=number < clicking,
            )
        )
    return built


def plan_faults(
    rng: random.Random,
    servers: list[Server],
    start: datetime,
    end: datetime,
    ticks: int,
    *,
    block_rate: float,
    restarts: int,
) -> Plan:
    """Blocked server-days (never two in a row for one server, so each is a new problem to tell) and restarts."""
    plan = Plan()
    for server in servers:
        previous_blocked = False
        for day in server.days_posted_between(start, end):
            blocked = not previous_blocked and rng.random() < block_rate
            if blocked:
                plan.blocks.append(Block(server, day, at_reveal=rng.random() < 0.5))
            previous_blocked = blocked
    for number, tick in enumerate(rng.sample(range(3, ticks - 3), restarts)):
        plan.restarts[tick] = ("sigterm", "crash")[number % 2]
    return plan
