"""Every HTTP request the bot made, with awaitable look-ups (no fixed sleeps)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .messages import SentBody, UploadedFile

DEFAULT_TIMEOUT = 5.0


@dataclass
class RecordedRequest:
    """One request as the fake received it, and the status it answered with."""

    method: str
    path: str
    route: str
    params: dict[str, str]
    query: dict[str, str]
    json: Any
    files: list[UploadedFile] = field(default_factory=list)
    status: int = 0
    response: Any = None

    def body(self) -> SentBody:
        """The JSON body as a message view (empty if the body was not an object)."""
        return SentBody(self.json if isinstance(self.json, dict) else {}, self.files)

    def matches(self, method: str | None, route: str | None) -> bool:
        """True if method and route (a template such as /channels/{channel_id}/messages, or a path) match."""
        return (method is None or method == self.method) and (route is None or route in (self.route, self.path))


RequestPredicate = Callable[[RecordedRequest], bool]


class RequestLog:
    """An append-only request list that tests can wait on."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._changed = asyncio.Condition()

    async def add(self, request: RecordedRequest) -> None:
        """Record a request and wake waiters."""
        async with self._changed:
            self.requests.append(request)
            self._changed.notify_all()

    def find(
        self, method: str | None = None, route: str | None = None, where: RequestPredicate | None = None
    ) -> list[RecordedRequest]:
        """Requests matching method, route and predicate, oldest first."""
        return [r for r in self.requests if r.matches(method, route) and (where is None or where(r))]

    async def wait_for(
        self,
        method: str | None = None,
        route: str | None = None,
        where: RequestPredicate | None = None,
        *,
        count: int = 1,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> list[RecordedRequest]:
        """Wait until at least count requests match; return all matching ones."""

        def enough() -> bool:
            return len(self.find(method, route, where)) >= count

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(enough), timeout)
            except TimeoutError:
                seen = [f"{r.method} {r.path} -> {r.status}" for r in self.requests[-10:]]
                raise TimeoutError(
                    f"no {count} x {method or '*'} {route or '*'} within {timeout}s; last requests: {seen}"
                ) from None
        return self.find(method, route, where)
