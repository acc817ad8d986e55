"""In-memory Discord entities (users, roles, channels, members, guilds) and their wire payloads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
MANAGE_ROLES = 1 << 28
# @everyone's usual permissions: view channels, send messages, embed links, attach files, read history,
# add reactions, use application commands.
DEFAULT_EVERYONE_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 6) | (1 << 31)
ALL_PERMISSIONS = (1 << 53) - 1

TEXT_CHANNEL = 0
DM_CHANNEL = 1
ROLE_OVERWRITE, MEMBER_OVERWRITE = 0, 1


def iso_now() -> str:
    """The current UTC time as Discord formats timestamps."""
    return datetime.now(UTC).isoformat()


@dataclass
class FakeUser:
    """A Discord user account (a human or the bot)."""

    id: int
    name: str
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        """The user object as Discord sends it."""
        return {
            "id": str(self.id),
            "username": self.name,
            "global_name": None if self.bot else self.name,
            "discriminator": "0",
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }

    @property
    def mention(self) -> str:
        """The text that mentions this user."""
        return f"<@{self.id}>"


@dataclass
class FakeRole:
    """A guild role with a permission bit field."""

    id: int
    name: str
    permissions: int = 0
    position: int = 0

    def payload(self) -> dict[str, Any]:
        """The role object as Discord sends it."""
        return {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }


@dataclass
class FakeChannel:
    """A guild text channel or a DM channel."""

    id: int
    name: str
    type: int = TEXT_CHANNEL
    guild_id: int | None = None
    position: int = 0
    recipient: FakeUser | None = None
    last_message_id: int | None = None
    overwrites: dict[int, Overwrite] = field(default_factory=dict)  # by role or member id

    def payload(self) -> dict[str, Any]:
        """The channel object as Discord sends it."""
        if self.type == DM_CHANNEL:
            assert self.recipient is not None
            return {
                "id": str(self.id),
                "type": DM_CHANNEL,
                "last_message_id": _opt_str(self.last_message_id),
                "recipients": [self.recipient.payload()],
                "flags": 0,
            }
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "parent_id": None,
            "topic": None,
            "nsfw": False,
            "rate_limit_per_user": 0,
            "last_message_id": _opt_str(self.last_message_id),
            "permission_overwrites": [o.payload() for o in self.overwrites.values()],
            "flags": 0,
        }

    @property
    def mention(self) -> str:
        """The text that mentions this channel."""
        return f"<#{self.id}>"


@dataclass(frozen=True)
class Overwrite:
    """A channel's permission overwrite for one role (type 0) or one member (type 1)."""

    target_id: int
    type: int
    allow: int = 0
    deny: int = 0

    def payload(self) -> dict[str, Any]:
        return {"id": str(self.target_id), "type": self.type, "allow": str(self.allow), "deny": str(self.deny)}

    def apply(self, bits: int) -> int:
        return (bits & ~self.deny) | self.allow


@dataclass
class FakeMember:
    """A user's membership of a guild."""

    user: FakeUser
    guild: FakeGuild
    roles: list[FakeRole] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso_now)

    @property
    def id(self) -> int:
        """The member's user id."""
        return self.user.id

    @property
    def name(self) -> str:
        """The member's user name."""
        return self.user.name

    @property
    def mention(self) -> str:
        """The text that mentions this member."""
        return self.user.mention

    @property
    def permissions(self) -> int:
        """Guild-level permissions: the owner and administrators get everything."""
        if self.user.id == self.guild.owner_id:
            return ALL_PERMISSIONS
        bits = self.guild.everyone.permissions
        for role in self.roles:
            bits |= role.permissions
        return ALL_PERMISSIONS if bits & ADMINISTRATOR else bits

    @property
    def top_position(self) -> int:
        """The position of the member's highest role (0: only @everyone)."""
        return max((role.position for role in self.roles), default=0)

    def may_change_role(self, role: FakeRole) -> bool:
        """Whether this member (the bot) may give or take `role`, as Discord decides: the owner may; anyone else
        needs Manage Roles (or Administrator) and a highest role above it."""
        if self.user.id == self.guild.owner_id:
            return True
        return bool(self.permissions & MANAGE_ROLES) and self.top_position > role.position

    def permissions_in(self, channel: FakeChannel) -> int:
        """Permissions in one channel, as Discord computes them: the guild's, then the channel's overwrites for
        @everyone, for the member's roles together, then for the member (administrators skip overwrites)."""
        bits = self.permissions
        if bits == ALL_PERMISSIONS:
            return bits
        overwrites = channel.overwrites
        if everyone := overwrites.get(self.guild.everyone.id):
            bits = everyone.apply(bits)
        role_overwrites = [overwrites[role.id] for role in self.roles if role.id in overwrites]
        allow = deny = 0
        for overwrite in role_overwrites:
            allow, deny = allow | overwrite.allow, deny | overwrite.deny
        bits = Overwrite(0, 0, allow, deny).apply(bits)
        if own := overwrites.get(self.id):
            bits = own.apply(bits)
        return bits

    def payload(self, *, with_user: bool = True, with_permissions: bool = False) -> dict[str, Any]:
        """The guild member object as Discord sends it."""
        data: dict[str, Any] = {
            "roles": [str(role.id) for role in self.roles],
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if with_permissions:
            data["permissions"] = str(self.permissions)
        return data


@dataclass
class FakeGuild:
    """A guild with its roles, channels and members."""

    id: int
    name: str
    owner_id: int
    everyone: FakeRole
    roles: dict[int, FakeRole] = field(default_factory=dict)
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    members: dict[int, FakeMember] = field(default_factory=dict)

    @property
    def text_channels(self) -> list[FakeChannel]:
        """Text channels in creation order."""
        return [channel for channel in self.channels.values() if channel.type == TEXT_CHANNEL]

    def payload(self) -> dict[str, Any]:
        """The full GUILD_CREATE object; member_count equals the members sent, so no chunking is needed."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [role.payload() for role in [self.everyone, *self.roles.values()]],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "joined_at": iso_now(),
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "members": [member.payload() for member in self.members.values()],
            "channels": [channel.payload() for channel in self.channels.values()],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


def _opt_str(value: int | None) -> str | None:
    return None if value is None else str(value)
