"""FakeDiscord: the test-facing API over the fake's HTTP server, gateway and state."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import discord
import yarl
from aiohttp import web

from .entities import (
    MEMBER_OVERWRITE,
    ROLE_OVERWRITE,
    SEND_MESSAGES,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    Overwrite,
)
from .faults import FakeTime, Fault, FaultPlan
from .gateway import Gateway
from .http_api import API_PREFIX, HttpApi
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    Actor,
    InteractionFactory,
    InteractionRecord,
)
from .messages import StoredMessage
from .request_log import DEFAULT_TIMEOUT, RecordedRequest, RequestLog
from .store import DiscordStore

DEFAULT_TOKEN = "fake-bot-token"
USER_MENTION = re.compile(r"<@!?(\d+)>")


class FakeDiscord:
    """A local Discord (REST + gateway on 127.0.0.1, random port) for the real discord.py client."""

    def __init__(self, *, token: str = DEFAULT_TOKEN, bot_name: str = "tutorbot") -> None:
        self.token = token
        self.store = DiscordStore(bot_name)
        self.requests = RequestLog()
        self.faults = FaultPlan()
        self.time = FakeTime()
        self.gateway = Gateway(self.store, token)
        self.interactions: dict[str, InteractionRecord] = {}
        self._factory = InteractionFactory(self.store)
        self._api = HttpApi(self.store, self.gateway, self.requests, self.faults, self.interactions, token, self.time)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # -- lifecycle ----------------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        self._runner = web.AppRunner(self._api.app(), handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        self.store.base_url = self.base_url
        self.gateway.url = f"ws://127.0.0.1:{port}/gateway"

    async def stop(self) -> None:
        """Close connections and the server."""
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @contextmanager
    def patched_discord(self) -> Iterator[None]:
        """Point discord.py's REST base and default gateway at this fake, restoring them afterwards."""
        old_base, old_gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.base_url + API_PREFIX
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway.url)
        try:
            yield
        finally:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    # -- world building -----------------------------------------------------------------------------

    @property
    def bot_user(self) -> FakeUser:
        """The bot's own user."""
        return self.store.bot

    def add_guild(self, name: str = "Study Hall", *, channels: tuple[str, ...] = ("general",)) -> FakeGuild:
        """A guild with text channels; add it before the bot connects (or it will not be in READY)."""
        return self.store.add_guild(name, channels=channels)

    def add_channel(self, guild: FakeGuild, name: str) -> FakeChannel:
        """Another text channel."""
        return self.store.add_channel(guild, name)

    def add_role(self, guild: FakeGuild, name: str, *, permissions: int = 0) -> FakeRole:
        """A role with a permission bit field."""
        return self.store.add_role(guild, name, permissions)

    def give_role(self, member: FakeMember, role: FakeRole) -> None:
        """Give a member (the bot too: `fake.bot_member(guild)`) a role, as a manager would."""
        if role not in member.roles:
            member.roles.append(role)

    def bot_member(self, guild: FakeGuild) -> FakeMember:
        """The bot's own membership of guild (its roles decide what it may do)."""
        return guild.members[self.store.bot.id]

    def set_permissions(
        self, channel: FakeChannel, target: FakeRole | FakeMember, *, allow: int = 0, deny: int = 0
    ) -> None:
        """A channel permission overwrite for a role (or @everyone: `guild.everyone`) or a member."""
        kind = MEMBER_OVERWRITE if isinstance(target, FakeMember) else ROLE_OVERWRITE
        channel.overwrites[target.id] = Overwrite(target.id, kind, allow, deny)

    def enable_privileged_intents(self, intents: discord.Intents) -> None:
        """Switch privileged intents on, as in the Developer Portal (an IDENTIFY asking for others gets 4014)."""
        self.store.privileged_intents |= intents.value

    def add_member(
        self, guild: FakeGuild, name: str, *, manage_guild: bool = False, roles: tuple[FakeRole, ...] = ()
    ) -> FakeMember:
        """A new member; manage_guild=True gives them a role with Manage Server."""
        return self.store.add_member(guild, name, manage_guild=manage_guild, roles=roles)

    def add_user(self, name: str) -> FakeUser:
        """A user who shares no guild with the bot (for DMs)."""
        return self.store.add_user(name)

    def dm_channel(self, user: FakeUser | FakeMember) -> FakeChannel:
        """The DM channel between the bot and user."""
        return self.store.dm_channel(_user(user))

    def message(self, message_id: int) -> StoredMessage:
        """A stored message by id."""
        return self.store.messages[message_id]

    def messages_in(self, channel: FakeChannel) -> list[StoredMessage]:
        """Messages currently in channel, oldest first (ephemeral ones included)."""
        return [m for m in self.store.messages.values() if m.channel_id == channel.id]

    # -- user actions -------------------------------------------------------------------------------

    async def slash(
        self,
        actor: Actor,
        command: str,
        *,
        channel: FakeChannel | None = None,
        options: Mapping[str, Any] | None = None,
        **option_values: Any,
    ) -> InteractionRecord:
        """Invoke a registered slash command ("quiz start" for subcommands) with option values.

        Users, members, roles, channels and UploadedFile attachments are resolved like Discord does. Pass an
        option named like a keyword of this method (e.g. channel) through options={...}.
        """
        where = channel or self._default_channel(actor)
        data = self._factory.command_data(command, where, {**(options or {}), **option_values})
        return await self._send_interaction(self._factory.new(APPLICATION_COMMAND, actor, where, data))

    async def autocomplete(
        self,
        actor: Actor,
        command: str,
        focused: str,
        *,
        channel: FakeChannel | None = None,
        options: Mapping[str, Any] | None = None,
        **option_values: Any,
    ) -> list[dict[str, Any]]:
        """Type into option `focused` (its value among option_values) and return the bot's choices."""
        where = channel or self._default_channel(actor)
        values = {**(options or {}), **option_values}
        values.setdefault(focused, "")
        data = self._factory.command_data(command, where, values, focused=focused)
        record = await self._send_interaction(self._factory.new(AUTOCOMPLETE, actor, where, data))
        return (await record.wait_response()).choices

    async def click(self, actor: Actor, message: StoredMessage | int, key: str) -> InteractionRecord:
        """Click the button whose custom_id or label is key on a stored message."""
        return await self._component(actor, message, key, None)

    async def select(
        self, actor: Actor, message: StoredMessage | int, key: str, values: list[str]
    ) -> InteractionRecord:
        """Choose values in the select menu whose custom_id is key."""
        return await self._component(actor, message, key, values)

    async def submit_modal(
        self, actor: Actor, opened_by: InteractionRecord, values: Mapping[str, str]
    ) -> InteractionRecord:
        """Submit the modal the bot opened in answer to opened_by, with text input values by custom_id."""
        modal = await opened_by.wait_response()
        if modal.type != 9:
            raise ValueError(f"interaction {opened_by.id} was answered with type {modal.type}, not a modal")
        data = self._factory.modal_data(modal, values)
        record = self._factory.new(MODAL_SUBMIT, actor, opened_by.channel, data, opened_by.message)
        return await self._send_interaction(record)

    async def mention(self, actor: Actor, channel: FakeChannel, text: str) -> StoredMessage:
        """Post a message that starts by mentioning the bot."""
        return await self.say(actor, channel, f"{self.bot_user.mention} {text}")

    async def dm(self, user: FakeUser | FakeMember, text: str) -> StoredMessage:
        """Send the bot a direct message."""
        return await self.say(user, self.dm_channel(user), text)

    async def say(self, actor: Actor, channel: FakeChannel, text: str) -> StoredMessage:
        """Post a user message; its content reaches the bot only with the message content intent,
        in DMs, or when it mentions the bot (like Discord)."""
        user = _user(actor)
        mentioned = [self.store.users[int(i)] for i in USER_MENTION.findall(text) if int(i) in self.store.users]
        message = self.store.create_message(channel, user, {"content": text})
        message.data["mentions"] = [self._mention_payload(channel, u) for u in mentioned]
        visible = channel.guild_id is None or self.bot_user in mentioned
        await self.gateway.dispatch("MESSAGE_CREATE", message.data, guild_id=channel.guild_id, content_visible=visible)
        return message

    # -- waiting and assertions ---------------------------------------------------------------------

    async def wait_bot_message(
        self, channel: FakeChannel, *, after: StoredMessage | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> StoredMessage:
        """The first message the bot posts to channel (after the given message, if any)."""

        floor = after.id if after is not None else 0

        def posted(request: RecordedRequest) -> bool:
            return (
                request.status == 200
                and request.params.get("channel_id") == str(channel.id)
                and int(request.response["id"]) > floor
            )

        requests = await self.requests.wait_for("POST", "/channels/{channel_id}/messages", posted, timeout=timeout)
        return self.store.messages[int(requests[0].response["id"])]

    def fail_next(
        self,
        method: str | None,
        route: str | None,
        *,
        status: int | None = 429,
        times: int = 1,
        retry_after: float = 0.05,
        delay: float = 0.0,
    ) -> Fault:
        """Answer the next matching request(s) with status (429 carries retry_after and a Via header, so
        discord.py retries), or only delay them with status=None. route is a template or a concrete path."""
        return self.faults.add(Fault(method, route, times, status, retry_after, delay))

    def elapse(self, seconds: float) -> None:
        """Let time pass for the fake at once: interactions older than 3 s can no longer be answered, and
        their tokens (followups, edits) expire after 15 minutes."""
        self.time.elapse(seconds)

    def deny_bot(self, channel: FakeChannel, denied: bool = True) -> None:
        """Take away (or give back) the bot's Send Messages in channel (a member overwrite): sends get 403."""
        assert channel.guild_id is not None
        bot = self.store.guilds[channel.guild_id].members[self.bot_user.id]
        if denied:
            self.set_permissions(channel, bot, deny=SEND_MESSAGES)
        else:
            channel.overwrites.pop(bot.id, None)

    async def delete_message(self, message: StoredMessage) -> None:
        """A moderator deletes a message (MESSAGE_DELETE is dispatched)."""
        await self._api.delete_stored(message)

    async def delete_channel(self, channel: FakeChannel) -> None:
        """A manager deletes a channel and its messages (CHANNEL_DELETE is dispatched)."""
        self.store.delete_channel(channel)
        await self.gateway.dispatch("CHANNEL_DELETE", channel.payload(), guild_id=channel.guild_id)

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close the bot's gateway connection with code; the client should RESUME."""
        await self.gateway.drop(code)

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT; the client should RESUME."""
        await self.gateway.request_reconnect()

    async def wait_resumed(self, count: int = 1, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until the gateway has accepted count RESUMEs in total."""
        await self.gateway.wait_until(lambda: self.gateway.resumes >= count, timeout)

    # -- internals ----------------------------------------------------------------------------------

    async def _component(
        self, actor: Actor, message: StoredMessage | int, key: str, values: list[str] | None
    ) -> InteractionRecord:
        stored = self.store.messages[message] if isinstance(message, int) else self.store.messages[message.id]
        component = stored.component(key)
        channel = self.store.channels[stored.channel_id]
        data = self._factory.component_data(component, values)
        return await self._send_interaction(self._factory.new(MESSAGE_COMPONENT, actor, channel, data, stored))

    async def _send_interaction(self, record: InteractionRecord) -> InteractionRecord:
        record.created = self.time.now()
        self.interactions[record.token] = record
        await self.gateway.dispatch("INTERACTION_CREATE", record.payload, guild_id=record.channel.guild_id)
        return record

    def _default_channel(self, actor: Actor) -> FakeChannel:
        if isinstance(actor, FakeMember):
            return actor.guild.text_channels[0]
        return self.store.dm_channel(actor)

    def _mention_payload(self, channel: FakeChannel, user: FakeUser) -> dict[str, Any]:
        member = self.store.member_of(channel, user)
        payload = user.payload()
        if member is not None:
            payload["member"] = member.payload(with_user=False)
        return payload


def _user(actor: Actor) -> FakeUser:
    return actor.user if isinstance(actor, FakeMember) else actor
