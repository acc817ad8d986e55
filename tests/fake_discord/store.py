"""The fake's in-memory world: users, guilds, channels, members, roles, messages and commands."""

from __future__ import annotations

from typing import Any

from .entities import (
    DEFAULT_EVERYONE_PERMISSIONS,
    DM_CHANNEL,
    MANAGE_GUILD,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    iso_now,
)
from .messages import StoredMessage, UploadedFile
from .snowflakes import SnowflakeFactory

MESSAGE_FIELDS = ("content", "embeds", "components", "flags", "tts", "allowed_mentions", "poll")


class DiscordStore:
    """All state the fake serves; ids come from one snowflake factory."""

    def __init__(self, bot_name: str = "tutorbot") -> None:
        self.ids = SnowflakeFactory()
        self.bot = FakeUser(self.ids.next(), bot_name, bot=True)
        self.application_id = self.bot.id
        self.owner = FakeUser(self.ids.next(), "app-owner")
        self.users: dict[int, FakeUser] = {self.bot.id: self.bot, self.owner.id: self.owner}
        self.guilds: dict[int, FakeGuild] = {}
        self.channels: dict[int, FakeChannel] = {}
        self.messages: dict[int, StoredMessage] = {}
        self.attachments: dict[int, UploadedFile] = {}
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}
        self.privileged_intents = 0  # the privileged intents switched on in the Developer Portal (none, as new)
        self.base_url = ""

    # -- entities -----------------------------------------------------------------------------------

    def add_user(self, name: str, *, bot: bool = False) -> FakeUser:
        """A new user account."""
        user = FakeUser(self.ids.next(), name, bot=bot)
        self.users[user.id] = user
        return user

    def add_guild(self, name: str, *, channels: tuple[str, ...] = ("general",)) -> FakeGuild:
        """A guild owned by the app owner, with text channels and the bot as a member."""
        guild_id = self.ids.next()
        everyone = FakeRole(guild_id, "@everyone", DEFAULT_EVERYONE_PERMISSIONS)
        guild = FakeGuild(guild_id, name, owner_id=self.owner.id, everyone=everyone)
        self.guilds[guild.id] = guild
        for channel_name in channels:
            self.add_channel(guild, channel_name)
        guild.members[self.bot.id] = FakeMember(self.bot, guild)
        guild.members[self.owner.id] = FakeMember(self.owner, guild)
        return guild

    def add_channel(self, guild: FakeGuild, name: str) -> FakeChannel:
        """A new text channel in guild."""
        channel = FakeChannel(self.ids.next(), name, guild_id=guild.id, position=len(guild.channels))
        guild.channels[channel.id] = channel
        self.channels[channel.id] = channel
        return channel

    def delete_channel(self, channel: FakeChannel) -> None:
        """Remove a guild channel and every message in it."""
        if channel.guild_id is not None:
            del self.guilds[channel.guild_id].channels[channel.id]
        del self.channels[channel.id]
        for message_id in [m.id for m in self.messages.values() if m.channel_id == channel.id]:
            del self.messages[message_id]

    def add_role(self, guild: FakeGuild, name: str, permissions: int = 0) -> FakeRole:
        """A new role in guild."""
        role = FakeRole(self.ids.next(), name, permissions, position=len(guild.roles) + 1)
        guild.roles[role.id] = role
        return role

    def add_member(
        self, guild: FakeGuild, name: str, *, manage_guild: bool = False, roles: tuple[FakeRole, ...] = ()
    ) -> FakeMember:
        """A new user who is a member of guild; manage_guild gives them a role with Manage Server."""
        user = self.add_user(name)
        member_roles = list(roles)
        if manage_guild:
            member_roles.append(self.add_role(guild, f"{name}-manager", MANAGE_GUILD))
        member = FakeMember(user, guild, member_roles)
        guild.members[user.id] = member
        return member

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        """The DM channel between the bot and user, created on first use."""
        for channel in self.channels.values():
            if channel.type == DM_CHANNEL and channel.recipient is user:
                return channel
        channel = FakeChannel(self.ids.next(), "", type=DM_CHANNEL, recipient=user)
        self.channels[channel.id] = channel
        return channel

    def member_of(self, channel: FakeChannel, user: FakeUser) -> FakeMember | None:
        """user's membership of the channel's guild (None in DMs)."""
        if channel.guild_id is None:
            return None
        return self.guilds[channel.guild_id].members.get(user.id)

    # -- messages -----------------------------------------------------------------------------------

    def create_message(
        self,
        channel: FakeChannel,
        author: FakeUser,
        body: dict[str, Any],
        files: list[UploadedFile] | None = None,
        *,
        extra: dict[str, Any] | None = None,
    ) -> StoredMessage:
        """Store a message built from a body the sender posted."""
        message_id = self.ids.next()
        data: dict[str, Any] = {
            "id": str(message_id),
            "channel_id": str(channel.id),
            "type": 19 if body.get("message_reference") else 0,
            "author": author.payload(),
            "content": "",
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "components": [],
            "pinned": False,
            "flags": 0,
        }
        data.update({key: body[key] for key in MESSAGE_FIELDS if key in body})
        if channel.guild_id is not None:
            data["guild_id"] = str(channel.guild_id)
            member = self.member_of(channel, author)
            if member is not None:
                data["member"] = member.payload(with_user=False)
        if "message_reference" in body:
            data["message_reference"] = self._reference(channel, body["message_reference"])
        data["attachments"] = self._attachments(channel, body.get("attachments"), files or [])
        data.update(extra or {})
        message = StoredMessage(data, list(files or []))
        self.messages[message_id] = message
        channel.last_message_id = message_id
        return message

    def edit_message(
        self, message: StoredMessage, body: dict[str, Any], files: list[UploadedFile] | None = None
    ) -> StoredMessage:
        """Apply an edit body to a stored message."""
        data = message.data
        data.update({key: body[key] for key in MESSAGE_FIELDS if key in body and key != "tts"})
        if "attachments" in body or files:
            channel = self.channels[message.channel_id]
            data["attachments"] = self._attachments(channel, body.get("attachments"), files or [], data)
            message.files.extend(files or [])
        data["edited_timestamp"] = iso_now()
        message.edits += 1
        return message

    def message(self, channel_id: int, message_id: int) -> StoredMessage | None:
        """The stored message, if it is in that channel."""
        message = self.messages.get(message_id)
        return message if message is not None and message.channel_id == channel_id else None

    def _reference(self, channel: FakeChannel, reference: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": 0,
            "message_id": str(reference["message_id"]),
            "channel_id": str(reference.get("channel_id") or channel.id),
            **({"guild_id": str(channel.guild_id)} if channel.guild_id else {}),
        }

    def _attachments(
        self,
        channel: FakeChannel,
        requested: list[dict[str, Any]] | None,
        files: list[UploadedFile],
        previous: dict[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Attachment objects: kept ones (by id) and new uploads (files[n] matched to the entry with id n)."""
        kept = {a["id"]: a for a in (previous or {}).get("attachments", [])}
        by_field = {upload.field: upload for upload in files}
        result = []
        for entry in requested or [{"id": str(index)} for index in range(len(files))]:
            if str(entry["id"]) in kept:
                result.append(kept[str(entry["id"])])
                continue
            upload = by_field.get(f"files[{entry['id']}]")
            if upload is not None:
                result.append(self._store_attachment(channel, upload, entry.get("description")))
        return result

    def _store_attachment(self, channel: FakeChannel, upload: UploadedFile, description: str | None) -> dict[str, Any]:
        attachment_id = self.ids.next()
        self.attachments[attachment_id] = upload
        url = f"{self.base_url}/attachments/{channel.id}/{attachment_id}/{upload.filename}"
        return {
            "id": str(attachment_id),
            "filename": upload.filename,
            "description": description,
            "content_type": upload.content_type,
            "size": len(upload.data),
            "url": url,
            "proxy_url": url,
        }

    def upload_attachment(self, channel: FakeChannel, upload: UploadedFile) -> dict[str, Any]:
        """Store a user-provided file (for attachment options) and return its attachment object."""
        return self._store_attachment(channel, upload, None)

    # -- application commands -----------------------------------------------------------------------

    def overwrite_commands(self, commands: list[dict[str, Any]], guild_id: int | None) -> list[dict[str, Any]]:
        """Replace the global (or one guild's) command set; return the stored commands."""
        stored = [self._stored_command(command, guild_id) for command in commands]
        if guild_id is None:
            self.global_commands = stored
        else:
            self.guild_commands[guild_id] = stored
        return stored

    def find_command(self, name: str, guild_id: int | None, command_type: int = 1) -> dict[str, Any] | None:
        """The registered command a user in guild_id would see (guild commands first)."""
        candidates = (
            [*self.guild_commands.get(guild_id, []), *self.global_commands] if guild_id else self.global_commands
        )
        return next((c for c in candidates if c["name"] == name and c.get("type", 1) == command_type), None)

    def _stored_command(self, command: dict[str, Any], guild_id: int | None) -> dict[str, Any]:
        stored = {
            "id": str(self.ids.next()),
            "application_id": str(self.application_id),
            "version": str(self.ids.next()),
            "type": 1,
            "options": [],
            "default_member_permissions": None,
            "dm_permission": True,
            "nsfw": False,
            **command,
        }
        if guild_id is not None:
            stored["guild_id"] = str(guild_id)
        return stored
