"""Interaction records (what a user did, what the bot answered) and Discord-shaped interaction payloads."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .entities import ALL_PERMISSIONS, FakeChannel, FakeMember, FakeRole, FakeUser
from .messages import SentBody, StoredMessage, UploadedFile, walk_components
from .request_log import DEFAULT_TIMEOUT
from .store import DiscordStore

APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
SUBCOMMAND, SUBCOMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = 3, 4, 5, 6, 7, 8, 9, 10, 11
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

Actor = FakeMember | FakeUser


@dataclass
class Callback(SentBody):
    """The bot's interaction callback: type (4 message, 5 defer, 7 update, 8 choices, 9 modal) and data."""

    type: int = 0

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete choices (type 8)."""
        return self.data.get("choices") or []


@dataclass
class InteractionRecord:
    """One interaction the fake sent, and everything the bot did in answer to it."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    user: FakeUser
    channel: FakeChannel
    message: StoredMessage | None = None
    callback: Callback | None = None
    original: StoredMessage | None = None
    followups: list[StoredMessage] = field(default_factory=list)
    created: float = 0.0  # on the fake's clock, when the interaction was sent to the bot
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition, repr=False)

    async def changed(self) -> None:
        """Wake everyone waiting on this interaction (called by the HTTP API)."""
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(self, condition: Callable[[], bool], what: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until condition holds, failing with a readable message after timeout seconds."""
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(condition), timeout)
            except TimeoutError:
                raise TimeoutError(f"interaction {self.id}: no {what} within {timeout}s") from None

    async def wait_response(self, timeout: float = DEFAULT_TIMEOUT) -> Callback:
        """The bot's initial response (POST .../callback)."""
        await self.wait_until(lambda: self.callback is not None, "response", timeout)
        assert self.callback is not None
        return self.callback

    async def wait_followups(self, count: int = 1, timeout: float = DEFAULT_TIMEOUT) -> list[StoredMessage]:
        """Followup messages (POST /webhooks/{app}/{token}), at least count of them."""
        await self.wait_until(lambda: len(self.followups) >= count, f"{count} followup(s)", timeout)
        return self.followups

    async def wait_original_edit(self, edits: int = 1, timeout: float = DEFAULT_TIMEOUT) -> StoredMessage:
        """The original response message once it has been edited at least `edits` times."""
        await self.wait_until(
            lambda: self.original is not None and self.original.edits >= edits,
            "edit of the original",
            timeout,
        )
        assert self.original is not None
        return self.original


class InteractionFactory:
    """Builds interaction payloads the way Discord does, from the registered commands and stored messages."""

    def __init__(self, store: DiscordStore) -> None:
        self.store = store

    def new(
        self,
        kind: int,
        actor: Actor,
        channel: FakeChannel,
        data: dict[str, Any],
        message: StoredMessage | None = None,
    ) -> InteractionRecord:
        """An interaction record with a complete payload."""
        user = actor.user if isinstance(actor, FakeMember) else actor
        interaction_id = self.store.ids.next()
        token = secrets.token_urlsafe(48)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.store.application_id),
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "channel_id": str(channel.id),
            "channel": channel.payload(),
        }
        payload.update(self._context(user, channel))
        if message is not None:
            payload["message"] = message.data
        return InteractionRecord(interaction_id, token, kind, payload, user, channel, message)

    def _context(self, user: FakeUser, channel: FakeChannel) -> dict[str, Any]:
        member = self.store.member_of(channel, user)
        if channel.guild_id is None:
            return {"user": user.payload(), "context": 1, "authorizing_integration_owners": {"0": "0"}}
        if member is None:
            raise ValueError(f"{user.name} is not a member of the guild of #{channel.name}")
        bot_member = self.store.guilds[channel.guild_id].members[self.store.bot.id]
        return {
            "guild_id": str(channel.guild_id),
            "guild_locale": "en-US",
            "guild": {"id": str(channel.guild_id), "locale": "en-US", "features": []},
            "member": member.payload(with_permissions=True),
            "channel": {**channel.payload(), "permissions": str(member.permissions)},
            "app_permissions": str(bot_member.permissions),
            "context": 0,
            "authorizing_integration_owners": {"0": str(channel.guild_id)},
        }

    # -- application commands -----------------------------------------------------------------------

    def command_data(
        self, command_path: str, channel: FakeChannel, values: Mapping[str, Any], focused: str | None = None
    ) -> dict[str, Any]:
        """data for a slash command (or its autocomplete, with focused naming the option being typed)."""
        root, *subcommands = command_path.split()
        command = self.store.find_command(root, channel.guild_id)
        if command is None:
            raise LookupError(f"command /{root} is not registered (did the bot sync its command tree?)")
        resolved: dict[str, dict[str, Any]] = {}
        options = self._options(command.get("options", []), subcommands, values, focused, channel, resolved)
        data = {"id": command["id"], "name": root, "type": 1, "options": options}
        if resolved:
            data["resolved"] = resolved
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        return data

    def _options(
        self,
        schema: list[dict[str, Any]],
        subcommands: list[str],
        values: Mapping[str, Any],
        focused: str | None,
        channel: FakeChannel,
        resolved: dict[str, dict[str, Any]],
    ) -> list[dict[str, Any]]:
        if subcommands:
            name = subcommands[0]
            sub = next((o for o in schema if o["name"] == name and o["type"] in (SUBCOMMAND, SUBCOMMAND_GROUP)), None)
            if sub is None:
                raise LookupError(f"no subcommand {name!r}; known: {[o['name'] for o in schema]}")
            inner = self._options(sub.get("options", []), subcommands[1:], values, focused, channel, resolved)
            return [{"type": sub["type"], "name": name, "options": inner}]
        by_name = {option["name"]: option for option in schema}
        unknown = set(values) - set(by_name)
        if unknown:
            raise ValueError(f"unknown option(s) {sorted(unknown)}; the command takes {sorted(by_name)}")
        missing = [n for n, o in by_name.items() if o.get("required") and n not in values and n != focused]
        if missing and focused is None:
            raise ValueError(f"missing required option(s) {missing}")
        result = []
        for name, value in values.items():
            option = {"type": by_name[name]["type"], "name": name}
            if name == focused:
                option.update(value=str(value), focused=True)
            else:
                option["value"] = self._option_value(by_name[name]["type"], value, channel, resolved)
            result.append(option)
        return result

    def _option_value(
        self, option_type: int, value: Any, channel: FakeChannel, resolved: dict[str, dict[str, Any]]
    ) -> Any:
        simple: dict[int, Callable[[Any], Any]] = {STRING: str, INTEGER: int, BOOLEAN: bool, NUMBER: float}
        if option_type in simple:
            return simple[option_type](value)
        if isinstance(value, FakeMember | FakeUser) and option_type in (USER, MENTIONABLE):
            user = value.user if isinstance(value, FakeMember) else value
            resolved.setdefault("users", {})[str(user.id)] = user.payload()
            if isinstance(value, FakeMember):
                member = value.payload(with_user=False, with_permissions=True)
                resolved.setdefault("members", {})[str(user.id)] = member
            return str(user.id)
        if isinstance(value, FakeRole) and option_type in (ROLE, MENTIONABLE):
            resolved.setdefault("roles", {})[str(value.id)] = value.payload()
            return str(value.id)
        if isinstance(value, FakeChannel) and option_type == CHANNEL:
            permissions = (
                ALL_PERMISSIONS if value.guild_id is None else self.store.guilds[value.guild_id].everyone.permissions
            )
            resolved.setdefault("channels", {})[str(value.id)] = {
                **value.payload(),
                "permissions": str(permissions),
            }
            return str(value.id)
        if isinstance(value, UploadedFile) and option_type == ATTACHMENT:
            if len(value.data) > ATTACHMENT_SIZE_LIMIT:  # the Discord client refuses to send it
                raise ValueError(f"Discord refuses attachments over {ATTACHMENT_SIZE_LIMIT} bytes")
            attachment = self.store.upload_attachment(channel, value)
            resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            return attachment["id"]
        raise TypeError(f"value {value!r} does not fit option type {option_type}")

    # -- components and modals ----------------------------------------------------------------------

    @staticmethod
    def component_data(component: dict[str, Any], values: list[str] | None = None) -> dict[str, Any]:
        """data for a click on a button (or a choice in a select menu, given values)."""
        data: dict[str, Any] = {"custom_id": component["custom_id"], "component_type": component["type"]}
        if values is not None:
            data["values"] = values
        return data

    @staticmethod
    def modal_data(modal: Callback, values: Mapping[str, str]) -> dict[str, Any]:
        """data for submitting the modal the bot opened, with values by text input custom_id."""
        known = {c["custom_id"] for c in walk_components(modal.components) if "custom_id" in c}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"modal {modal.data.get('custom_id')!r} has no input(s) {sorted(unknown)}; it has {known}")
        return {"custom_id": modal.data["custom_id"], "components": _submitted(modal.components, values)}


def _submitted(components: list[dict[str, Any]], values: Mapping[str, str]) -> list[dict[str, Any]]:
    """Mirror the modal layout (action rows or labels) with each input's submitted value."""
    result = []
    for component in components:
        if component["type"] == 1:
            result.append({"type": 1, "components": _submitted(component.get("components", []), values)})
        elif component["type"] == 18:
            inner = _submitted([component["component"]], values)[0]
            result.append({"type": 18, "id": component.get("id", 0), "component": inner})
        elif "custom_id" in component:
            result.append(_submitted_input(component, values.get(component["custom_id"])))
    return result


def _submitted_input(component: dict[str, Any], value: str | None) -> dict[str, Any]:
    submitted = {"type": component["type"], "id": component.get("id", 0), "custom_id": component["custom_id"]}
    if component["type"] == 4:
        submitted["value"] = value if value is not None else component.get("value", "")
    else:
        submitted["values"] = list(value or [])
    return submitted
