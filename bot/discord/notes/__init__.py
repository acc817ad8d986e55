"""A server's own notes: /notes add (attachments, managers), list, remove, default on|off, download."""

from bot.discord.notes._cog import NotesCog

__all__ = ["NotesCog"]
