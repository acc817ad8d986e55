"""The REST API a bot uses, served by aiohttp, with every request recorded and faults applied first."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from .bodies import read_body
from .entities import ATTACH_FILES, EMBED_LINKS, SEND_MESSAGES, VIEW_CHANNEL, FakeChannel
from .faults import FakeTime, FaultPlan
from .gateway import Gateway
from .interactions import APPLICATION_COMMAND, Callback, InteractionRecord
from .messages import EPHEMERAL, LOADING, StoredMessage
from .request_log import RecordedRequest, RequestLog
from .responses import error_response, json_response, no_content, not_found
from .store import DiscordStore
from .validation import choices_errors, error_list, message_errors

API_PREFIX = "/api/v10"
INTERACTION_RESPONSE_SECONDS = 3.0  # an interaction must be answered (or deferred) this soon
INTERACTION_TOKEN_SECONDS = 15 * 60.0  # followups and edits work this long with the interaction's token
CHANNEL_MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, AUTOCOMPLETE_RESULT = 4, 5, 6, 7, 8

JSON_BODY = web.RequestKey("json_body", object)
FILES = web.RequestKey("files", list)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class HttpApi:
    """Route handlers over the shared store; interactions are looked up by token."""

    def __init__(
        self,
        store: DiscordStore,
        gateway: Gateway,
        log: RequestLog,
        faults: FaultPlan,
        interactions: dict[str, InteractionRecord],
        token: str,
        clock: FakeTime,
    ) -> None:
        self.store = store
        self.gateway = gateway
        self.log = log
        self.faults = faults
        self.interactions = interactions
        self.token = token
        self.clock = clock

    def app(self) -> web.Application:
        """The aiohttp app: REST under /api/v10, the gateway at /gateway, files at /attachments."""
        app = web.Application(middlewares=[self._middleware])
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self.get_attachment)
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_gateway_bot),
            ("GET", "/users/@me", self.get_me),
            ("GET", "/oauth2/applications/@me", self.get_application),
            ("POST", "/users/@me/channels", self.create_dm),
            ("GET", "/users/{user_id}", self.get_user),
            ("GET", "/applications/{application_id}/commands", self.get_commands),
            ("PUT", "/applications/{application_id}/commands", self.put_commands),
            ("GET", "/applications/{application_id}/guilds/{guild_id}/commands", self.get_commands),
            ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", self.put_commands),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self.interaction_callback),
            ("POST", "/webhooks/{application_id}/{token}", self.create_followup),
            ("GET", "/webhooks/{application_id}/{token}/messages/{message_id}", self.get_webhook_message),
            ("PATCH", "/webhooks/{application_id}/{token}/messages/{message_id}", self.edit_webhook_message),
            (
                "DELETE",
                "/webhooks/{application_id}/{token}/messages/{message_id}",
                self.delete_webhook_message,
            ),
            ("GET", "/channels/{channel_id}", self.get_channel),
            ("POST", "/channels/{channel_id}/typing", self.typing),
            ("POST", "/channels/{channel_id}/messages", self.create_message),
            ("GET", "/channels/{channel_id}/messages", self.get_messages),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message),
            ("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", self.add_reaction),
            (
                "DELETE",
                "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                self.remove_reaction,
            ),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member),
            ("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", self.change_member_role),
            ("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", self.change_member_role),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, API_PREFIX + path, handler)
        return app

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX):
            return await handler(request)
        body, files = await read_body(request)
        request[JSON_BODY], request[FILES] = body, files
        resource = request.match_info.route.resource
        route = resource.canonical.removeprefix(API_PREFIX) if resource else request.path
        record = RecordedRequest(
            request.method,
            request.path.removeprefix(API_PREFIX),
            route,
            dict(request.match_info),
            dict(request.query),
            body,
            files,
        )
        response = await self._respond(request, handler, record)
        record.status = response.status
        if isinstance(response, web.Response) and response.content_type == "application/json" and response.body:
            record.response = json.loads(response.body)  # type: ignore[arg-type]
        await self.log.add(record)
        return response

    async def _respond(self, request: web.Request, handler: Handler, record: RecordedRequest) -> web.StreamResponse:
        fault = self.faults.take(record.method, record.route, record.path)
        if fault is not None:
            failure = await fault.apply()
            if failure is not None:
                return failure
        needs_auth = not record.route.startswith(("/interactions/", "/webhooks/"))
        if needs_auth and request.headers.get("Authorization") != f"Bot {self.token}":
            return error_response(401, 0, "401: Unauthorized")
        return await handler(request)

    # -- login and gateway --------------------------------------------------------------------------

    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.gateway.url})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": self.gateway.url, "shards": 1, "session_start_limit": limit})

    async def get_me(self, request: web.Request) -> web.Response:
        return json_response({**self.store.bot.payload(), "verified": True, "mfa_enabled": False, "flags": 0})

    async def get_application(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "id": str(self.store.application_id),
                "name": self.store.bot.name,
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.store.owner.payload(),
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "interactions_endpoint_url": None,
                "bot": self.store.bot.payload(),
            }
        )

    async def get_user(self, request: web.Request) -> web.Response:
        user = self.store.users.get(int(request.match_info["user_id"]))
        return error_response(404, 10013, "Unknown User") if user is None else json_response(user.payload())

    async def create_dm(self, request: web.Request) -> web.Response:
        user = self.store.users.get(int(request[JSON_BODY]["recipient_id"]))
        if user is None:
            return not_found("User")
        return json_response(self.store.dm_channel(user).payload())

    # -- application commands -----------------------------------------------------------------------

    async def get_commands(self, request: web.Request) -> web.Response:
        guild_id = request.match_info.get("guild_id")
        if guild_id is None:
            return json_response(self.store.global_commands)
        return json_response(self.store.guild_commands.get(int(guild_id), []))

    async def put_commands(self, request: web.Request) -> web.Response:
        guild_id = request.match_info.get("guild_id")
        stored = self.store.overwrite_commands(request[JSON_BODY], int(guild_id) if guild_id else None)
        return json_response(stored)

    # -- interactions -------------------------------------------------------------------------------

    async def interaction_callback(self, request: web.Request) -> web.Response:
        record = self.interactions.get(request.match_info["token"])
        if record is None or str(record.id) != request.match_info["interaction_id"]:
            return error_response(404, 10062, "Unknown interaction")
        if record.callback is not None:
            return error_response(400, 40060, "Interaction has already been acknowledged.")
        if self.clock.now() - record.created > INTERACTION_RESPONSE_SECONDS:
            return error_response(404, 10062, "Unknown interaction")  # Discord showed "This interaction failed"
        body = request[JSON_BODY] or {}
        kind, data = int(body["type"]), body.get("data") or {}
        if kind in (CHANNEL_MESSAGE, UPDATE_MESSAGE) and (invalid := invalid_body(data, "data")) is not None:
            return invalid
        if kind == AUTOCOMPLETE_RESULT and (choice_errors := choices_errors(data)) is not None:
            return invalid_form({"data": choice_errors})
        record.callback = Callback(data, request[FILES], type=kind)
        message = await self._answer(record, kind, data, request)
        await record.changed()
        ephemeral = bool(message is not None and message.ephemeral)
        summary: dict[str, Any] = {
            "id": str(record.id),
            "type": record.type,
            "response_message_loading": kind == DEFERRED_MESSAGE,
            "response_message_ephemeral": ephemeral,
        }
        resource: dict[str, Any] = {"type": kind}
        if message is not None:
            summary["response_message_id"] = str(message.id)
            resource["message"] = message.data
        return json_response({"interaction": summary, "resource": resource})

    async def _answer(
        self, record: InteractionRecord, kind: int, data: dict[str, Any], request: web.Request
    ) -> StoredMessage | None:
        """Apply the callback to the store; the message it created or changed, if any."""
        if kind in (CHANNEL_MESSAGE, DEFERRED_MESSAGE):
            if kind == DEFERRED_MESSAGE:
                data = {"flags": LOADING | (int(data.get("flags") or 0) & EPHEMERAL)}
            record.original = await self._post(record.channel, data, request, self._interaction_extra(record))
            return record.original
        if kind in (DEFERRED_UPDATE, UPDATE_MESSAGE) and record.message is not None:
            record.original = record.message
            if kind == UPDATE_MESSAGE:
                await self._edit(record.message, data, request)
            return record.message
        return None

    def _interaction_extra(self, record: InteractionRecord) -> dict[str, Any]:
        app_id = str(self.store.application_id)
        metadata = {
            "id": str(record.id),
            "type": record.type,
            "user": record.user.payload(),
            "authorizing_integration_owners": record.payload["authorizing_integration_owners"],
        }
        return {
            "type": 20 if record.type == APPLICATION_COMMAND else 0,
            "webhook_id": app_id,
            "application_id": app_id,
            "interaction_metadata": metadata,
        }

    def _webhook_record(self, request: web.Request) -> InteractionRecord | None:
        record = self.interactions.get(request.match_info["token"])
        return (
            record
            if record is not None and request.match_info["application_id"] == str(self.store.application_id)
            else None
        )

    def _token_expired(self, record: InteractionRecord) -> web.Response | None:
        if self.clock.now() - record.created > INTERACTION_TOKEN_SECONDS:
            return error_response(401, 50027, "Invalid Webhook Token")
        return None

    def _webhook_message(self, request: web.Request) -> tuple[InteractionRecord | None, StoredMessage | None]:
        record = self._webhook_record(request)
        if record is None:
            return None, None
        wanted = request.match_info["message_id"]
        if wanted == "@original":
            return record, record.original
        return record, self.store.messages.get(int(wanted))

    async def create_followup(self, request: web.Request) -> web.Response:
        record = self._webhook_record(request)
        if record is None:
            return error_response(404, 10015, "Unknown Webhook")
        refused = self._token_expired(record) or invalid_body(request[JSON_BODY] or {})
        if refused is not None:
            return refused
        message = await self._post(record.channel, request[JSON_BODY] or {}, request, self._interaction_extra(record))
        record.followups.append(message)
        await record.changed()
        return json_response(message.data) if request.query.get("wait") in ("1", "true") else no_content()

    async def get_webhook_message(self, request: web.Request) -> web.Response:
        _, message = self._webhook_message(request)
        return not_found("Message") if message is None else json_response(message.data)

    async def edit_webhook_message(self, request: web.Request) -> web.Response:
        record, message = self._webhook_message(request)
        if record is None or message is None:
            return not_found("Message")
        refused = self._token_expired(record) or invalid_body(request[JSON_BODY] or {})
        if refused is not None:
            return refused
        await self._edit(message, request[JSON_BODY] or {}, request)
        await record.changed()
        return json_response(message.data)

    async def delete_webhook_message(self, request: web.Request) -> web.Response:
        record, message = self._webhook_message(request)
        if record is None or message is None:
            return not_found("Message")
        await self.delete_stored(message)
        return no_content()

    # -- channels and messages ----------------------------------------------------------------------

    async def get_channel(self, request: web.Request) -> web.Response:
        channel = self.store.channels.get(int(request.match_info["channel_id"]))
        return not_found("Channel") if channel is None else json_response(channel.payload())

    async def typing(self, request: web.Request) -> web.Response:
        return no_content()

    async def create_message(self, request: web.Request) -> web.Response:
        channel = self.store.channels.get(int(request.match_info["channel_id"]))
        if channel is None:
            return not_found("Channel")
        body = request[JSON_BODY] or {}
        refused = self._refuse_post(channel, body, request)
        if refused is not None:
            return refused
        if not (body.get("content") or body.get("embeds") or request[FILES] or body.get("components")):
            return error_response(400, 50006, "Cannot send an empty message")
        refused = invalid_body(body) or self._unknown_reference(channel, body)
        if refused is not None:
            return refused
        return json_response((await self._post(channel, body, request)).data)

    def _refuse_post(self, channel: FakeChannel, body: dict[str, Any], request: web.Request) -> web.Response | None:
        """Discord's answer when the bot lacks a permission this message needs in a guild channel, else None."""
        member = self.store.member_of(channel, self.store.bot)
        if member is None:
            return None  # a DM
        bits = member.permissions_in(channel)
        if not bits & VIEW_CHANNEL:
            return error_response(403, 50001, "Missing Access")
        needed = SEND_MESSAGES | (EMBED_LINKS if body.get("embeds") else 0) | (ATTACH_FILES if request[FILES] else 0)
        if bits & needed != needed:
            return error_response(403, 50013, "Missing Permissions")
        return None

    def _unknown_reference(self, channel: Any, body: dict[str, Any]) -> web.Response | None:
        """A reply to a message that is gone: 400, unless the bot said not to fail (then no reply is made)."""
        reference = body.get("message_reference")
        if not reference or self.store.message(
            int(reference.get("channel_id") or channel.id), int(reference["message_id"])
        ):
            return None
        if reference.get("fail_if_not_exists") is False:
            del body["message_reference"]
            return None
        return invalid_form({"message_reference": error_list("MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")})

    async def get_messages(self, request: web.Request) -> web.Response:
        """Channel history, newest first: the `limit` messages just after `after`, just before `before`, or
        the newest ones."""
        channel = self.store.channels.get(int(request.match_info["channel_id"]))
        if channel is None:
            return not_found("Channel")
        limit = min(100, int(request.query.get("limit", 50)))
        found = sorted(
            (m for m in self.store.messages.values() if m.channel_id == channel.id and not m.ephemeral),
            key=lambda m: m.id,
        )
        if "after" in request.query:
            found = [m for m in found if m.id > int(request.query["after"])][:limit]
        elif "before" in request.query:
            found = [m for m in found if m.id < int(request.query["before"])][-limit:]
        else:
            found = found[-limit:]
        return json_response([m.data for m in reversed(found)])

    async def get_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        return not_found("Message") if message is None else json_response(message.data)

    async def edit_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        if message is None:
            return not_found("Message")
        if message.author_id != self.store.bot.id:
            return error_response(403, 50005, "Cannot edit a message authored by another user")
        member = self.store.member_of(self.store.channels[message.channel_id], self.store.bot)
        if member is not None and not member.permissions_in(self.store.channels[message.channel_id]) & VIEW_CHANNEL:
            return error_response(403, 50001, "Missing Access")
        refused = invalid_body(request[JSON_BODY] or {})
        if refused is not None:
            return refused
        await self._edit(message, request[JSON_BODY] or {}, request)
        return json_response(message.data)

    async def delete_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        if message is None:
            return not_found("Message")
        await self.delete_stored(message)
        return no_content()

    async def add_reaction(self, request: web.Request) -> web.Response:
        return self._react(request, add=True)

    async def remove_reaction(self, request: web.Request) -> web.Response:
        return self._react(request, add=False)

    def _react(self, request: web.Request, *, add: bool) -> web.Response:
        message = self._channel_message(request)
        if message is None:
            return not_found("Message")
        emoji = request.match_info["emoji"]
        reactions = [r for r in message.data.get("reactions", []) if r["emoji"]["name"] != emoji]
        if add:
            reactions.append({"emoji": {"id": None, "name": emoji}, "count": 1, "me": True})
        message.data["reactions"] = reactions
        return no_content()

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self.store.guilds.get(int(request.match_info["guild_id"]))
        member = guild.members.get(int(request.match_info["user_id"])) if guild else None
        return not_found("Member") if member is None else json_response(member.payload())

    async def change_member_role(self, request: web.Request) -> web.Response:
        """PUT gives a member a role, DELETE takes it: 404 for an unknown guild, member or role; 403 Missing
        Permissions (50013) unless the bot has Manage Roles and its highest role is above the role."""
        guild = self.store.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return error_response(404, 10004, "Unknown Guild")
        role = guild.roles.get(int(request.match_info["role_id"]))
        if role is None:
            return error_response(404, 10011, "Unknown Role")
        member = guild.members.get(int(request.match_info["user_id"]))
        if member is None:
            return error_response(404, 10007, "Unknown Member")
        if not guild.members[self.store.bot.id].may_change_role(role):
            return error_response(403, 50013, "Missing Permissions")
        if request.method == "PUT" and role not in member.roles:
            member.roles.append(role)
        elif request.method == "DELETE" and role in member.roles:
            member.roles.remove(role)
        return no_content()

    async def get_attachment(self, request: web.Request) -> web.Response:
        upload = self.store.attachments.get(int(request.match_info["attachment_id"]))
        if upload is None:
            return web.Response(status=404)
        return web.Response(body=upload.data, headers={"Content-Type": upload.content_type})

    # -- shared message plumbing --------------------------------------------------------------------

    def _channel_message(self, request: web.Request) -> StoredMessage | None:
        return self.store.message(int(request.match_info["channel_id"]), int(request.match_info["message_id"]))

    async def _post(
        self, channel: Any, body: dict[str, Any], request: web.Request, extra: dict[str, Any] | None = None
    ) -> StoredMessage:
        message = self.store.create_message(channel, self.store.bot, body, request[FILES], extra=extra)
        if not message.ephemeral:
            await self.gateway.dispatch("MESSAGE_CREATE", message.data, guild_id=channel.guild_id)
        return message

    async def _edit(self, message: StoredMessage, body: dict[str, Any], request: web.Request) -> None:
        self.store.edit_message(message, body, request[FILES])
        if message.flags & LOADING:
            message.data["flags"] = message.flags & ~LOADING
        if not message.ephemeral:
            await self.gateway.dispatch("MESSAGE_UPDATE", message.data, guild_id=_guild_id(message))

    async def delete_stored(self, message: StoredMessage) -> None:
        """Remove a message and tell the bot (MESSAGE_DELETE) when it was public."""
        del self.store.messages[message.id]
        if not message.ephemeral:
            event = {"id": str(message.id), "channel_id": str(message.channel_id)}
            guild_id = _guild_id(message)
            if guild_id is not None:
                event["guild_id"] = str(guild_id)
            await self.gateway.dispatch("MESSAGE_DELETE", event, guild_id=guild_id)


def invalid_body(body: dict[str, Any], prefix: str | None = None) -> web.Response | None:
    """400 Invalid Form Body when Discord would refuse the message body (its embeds, its length)."""
    errors = message_errors(body)
    if errors is None:
        return None
    return invalid_form({prefix: errors} if prefix else errors)


def invalid_form(errors: dict[str, Any]) -> web.Response:
    """Discord's 400 for a request body it refuses, with the errors object keyed by field."""
    return json_response({"code": 50035, "errors": errors, "message": "Invalid Form Body"}, status=400)


def _guild_id(message: StoredMessage) -> int | None:
    return int(message.data["guild_id"]) if "guild_id" in message.data else None
