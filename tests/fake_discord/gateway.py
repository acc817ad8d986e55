"""The gateway websocket: HELLO, IDENTIFY/READY, heartbeats, RESUME with replay, and event dispatch."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .store import DiscordStore

HEARTBEAT_INTERVAL_MS = 41_250
MESSAGE_CONTENT_INTENT = 1 << 15
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | MESSAGE_CONTENT_INTENT  # server members, presences, message content
CONTENT_KEYS = ("content", "embeds", "attachments", "components", "poll")

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT, REQUEST_MEMBERS = 0, 1, 2, 6, 7, 8
INVALID_SESSION, HELLO, HEARTBEAT_ACK = 9, 10, 11


@dataclass
class GatewaySession:
    """One identified session; it outlives a dropped connection so that the client can RESUME it."""

    id: str
    intents: int
    shard: tuple[int, int] | None
    ws: web.WebSocketResponse | None = None
    seq: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)

    def owns_guild(self, guild_id: int | None) -> bool:
        """Whether events of guild_id go to this session's shard."""
        if guild_id is None or self.shard is None:
            return self.shard is None or self.shard[0] == 0
        shard_id, shard_count = self.shard
        return (guild_id >> 22) % shard_count == shard_id

    def frame(self, event: str, data: Any) -> dict[str, Any]:
        """Number a dispatch frame and keep it for replay."""
        self.seq += 1
        frame = {"op": DISPATCH, "t": event, "s": self.seq, "d": data}
        self.history.append(frame)
        return frame


class Gateway:
    """Serves the websocket and pushes events to every live session."""

    def __init__(self, store: DiscordStore, token: str) -> None:
        self.store = store
        self.token = token
        self.url = ""
        self.sessions: dict[str, GatewaySession] = {}
        self.identifies = 0
        self.resumes = 0
        self.received: list[dict[str, Any]] = []
        self._changed = asyncio.Condition()
        self._dropping: set[web.WebSocketResponse] = set()

    # -- connection handling ------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """One websocket connection from the client."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await _send(ws, {"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": None, "t": None})
        session: GatewaySession | None = None
        async for message in ws:
            if message.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            self.received.append(payload)
            session = await self._on_op(ws, payload) or session
        await self._on_closed(ws, session)
        return ws

    async def _on_op(self, ws: web.WebSocketResponse, payload: dict[str, Any]) -> GatewaySession | None:
        op, data = payload.get("op"), payload.get("d")
        if op == HEARTBEAT:
            await _send(ws, {"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
            return await self._identify(ws, data)
        elif op == RESUME:
            return await self._resume(ws, data)
        elif op == REQUEST_MEMBERS:
            await self._send_member_chunk(ws, data)
        return None

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> GatewaySession | None:
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        if int(data.get("intents", 0)) & PRIVILEGED_INTENTS & ~self.store.privileged_intents:
            await ws.close(code=4014, message=b"Disallowed intent(s).")  # not enabled in the Developer Portal
            return None
        shard = tuple(data["shard"]) if data.get("shard") else None
        session = GatewaySession(secrets.token_hex(16), int(data.get("intents", 0)), shard)  # type: ignore[arg-type]
        self.sessions[session.id] = session
        session.ws = ws
        guilds = [g for g in self.store.guilds.values() if session.owns_guild(g.id)]
        await _send(ws, session.frame("READY", self._ready_payload(session, [g.id for g in guilds])))
        for guild in guilds:
            await _send(ws, session.frame("GUILD_CREATE", guild.payload()))
        await self._count(identify=True)
        return session

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> GatewaySession | None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.token:
            await _send(ws, {"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return None
        session.ws = ws
        last_seen = data.get("seq") or 0
        for frame in [f for f in session.history if f["s"] > last_seen]:
            await _send(ws, frame)
        await _send(ws, session.frame("RESUMED", {}))
        await self._count(identify=False)
        return session

    async def _on_closed(self, ws: web.WebSocketResponse, session: GatewaySession | None) -> None:
        dropped_by_us = ws in self._dropping
        self._dropping.discard(ws)
        if session is None or session.ws is not ws:
            return
        session.ws = None
        if not dropped_by_us and ws.close_code in (1000, 1001):
            del self.sessions[session.id]  # the client logged out: the session cannot be resumed

    async def _send_member_chunk(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        guild = self.store.guilds.get(int(data["guild_id"]))
        session = self._session_of(ws)
        if guild is None or session is None:
            return
        wanted = {int(user_id) for user_id in data.get("user_ids") or []}
        query = (data.get("query") or "").lower()
        members = [
            m.payload()
            for m in guild.members.values()
            if (not wanted or m.id in wanted) and m.name.lower().startswith(query)
        ]
        chunk = {
            "guild_id": str(guild.id),
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        await _send(ws, session.frame("GUILD_MEMBERS_CHUNK", chunk))

    def _session_of(self, ws: web.WebSocketResponse) -> GatewaySession | None:
        return next((s for s in self.sessions.values() if s.ws is ws), None)

    def _ready_payload(self, session: GatewaySession, guild_ids: list[int]) -> dict[str, Any]:
        user = {**self.store.bot.payload(), "verified": True, "mfa_enabled": False, "flags": 0}
        ready: dict[str, Any] = {
            "v": 10,
            "user": user,
            "guilds": [{"id": str(guild_id), "unavailable": True} for guild_id in guild_ids],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.url,
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "application": {"id": str(self.store.application_id), "flags": 0},
            "_trace": ["fake-discord"],
        }
        if session.shard is not None:
            ready["shard"] = list(session.shard)
        return ready

    async def _count(self, *, identify: bool) -> None:
        async with self._changed:
            if identify:
                self.identifies += 1
            else:
                self.resumes += 1
            self._changed.notify_all()

    # -- test controls ------------------------------------------------------------------------------

    async def dispatch(
        self, event: str, data: dict[str, Any], *, guild_id: int | None = None, content_visible: bool = True
    ) -> None:
        """Send an event to every session that owns guild_id (or keep it for replay if it is disconnected).

        content_visible=False hides message content from sessions without the message content intent.
        """
        for session in list(self.sessions.values()):
            if not session.owns_guild(guild_id):
                continue
            visible = content_visible or session.intents & MESSAGE_CONTENT_INTENT
            payload = data if visible else {**data, **{key: "" if key == "content" else [] for key in CONTENT_KEYS}}
            frame = session.frame(event, payload)
            if session.ws is not None and not session.ws.closed:
                await _send(session.ws, frame)

    async def drop(self, code: int = 4000) -> None:
        """Close every live connection with code, as a network fault or Discord restart would."""
        for session in list(self.sessions.values()):
            if session.ws is not None and not session.ws.closed:
                self._dropping.add(session.ws)
                await session.ws.close(code=code)

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT to every live connection."""
        for session in list(self.sessions.values()):
            if session.ws is not None and not session.ws.closed:
                self._dropping.add(session.ws)
                await _send(session.ws, {"op": RECONNECT, "d": None, "s": None, "t": None})

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until condition (over identifies/resumes) holds."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(condition), timeout)

    async def close(self) -> None:
        """Close all connections (server shutdown)."""
        for session in list(self.sessions.values()):
            if session.ws is not None and not session.ws.closed:
                await session.ws.close(code=1001)


async def _send(ws: web.WebSocketResponse, payload: dict[str, Any]) -> None:
    # If the client is gone, dispatch frames stay in the session history for RESUME.
    with suppress(ConnectionError):
        await ws.send_str(json.dumps(payload))
