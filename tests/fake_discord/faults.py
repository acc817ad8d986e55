"""Failure modes on demand: rate limits (429), server errors (5xx), slow responses, and time passing."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from aiohttp import web

from .responses import json_response


class FakeTime:
    """The fake's monotonic clock, which tests may move forward (e.g. past an interaction token's 15 minutes)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        """Seconds on the fake's clock."""
        return time.monotonic() + self.offset

    def elapse(self, seconds: float) -> None:
        """Let `seconds` pass at once."""
        self.offset += seconds


@dataclass
class Fault:
    """Answer the next `times` requests matching method and route with an error or a delay."""

    method: str | None
    route: str | None
    times: int = 1
    status: int | None = None
    retry_after: float = 0.05
    delay: float = 0.0
    applied: asyncio.Event = field(default_factory=asyncio.Event, repr=False)  # set when a request met it

    def matches(self, method: str, route: str, path: str) -> bool:
        """True if this fault applies to the request."""
        return (
            self.times > 0
            and (self.method is None or self.method == method)
            and (self.route is None or self.route in (route, path))
        )

    async def apply(self) -> web.Response | None:
        """Sleep if slow; return the error response, or None to let the request through."""
        self.times -= 1
        self.applied.set()
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status is None:
            return None
        if self.status == 429:
            body = {
                "message": "You are being rate limited.",
                "retry_after": self.retry_after,
                "global": False,
            }
            headers = {"Via": "1.1 google", "Retry-After": str(self.retry_after), "X-RateLimit-Scope": "user"}
            return json_response(body, status=429, headers=headers)
        return json_response({"message": "Internal Server Error", "code": 0}, status=self.status)


class FaultPlan:
    """The faults still pending; the first matching one is consumed per request."""

    def __init__(self) -> None:
        self.pending: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        """Schedule a fault."""
        self.pending.append(fault)
        return fault

    def take(self, method: str, route: str, path: str) -> Fault | None:
        """The fault to apply to this request, if any."""
        for fault in self.pending:
            if fault.matches(method, route, path):
                if fault.times == 1:
                    self.pending.remove(fault)
                return fault
        return None
