"""A local fake Discord (REST API + gateway websocket) that the real discord.py client connects to."""

from .bot_runner import BotRunner, running_bot
from .entities import MANAGE_GUILD, MANAGE_ROLES, FakeChannel, FakeGuild, FakeMember, FakeRole, FakeUser
from .fake import DEFAULT_TOKEN, FakeDiscord
from .interactions import Callback, InteractionRecord
from .messages import EPHEMERAL, SentBody, StoredMessage, UploadedFile
from .request_log import RecordedRequest, RequestLog

__all__ = [
    "DEFAULT_TOKEN",
    "EPHEMERAL",
    "MANAGE_GUILD",
    "MANAGE_ROLES",
    "BotRunner",
    "Callback",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeMember",
    "FakeRole",
    "FakeUser",
    "InteractionRecord",
    "RecordedRequest",
    "RequestLog",
    "SentBody",
    "StoredMessage",
    "UploadedFile",
    "running_bot",
]
