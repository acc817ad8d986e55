"""The Discord front end: a discord.py application over the tutor service (one package per feature)."""
