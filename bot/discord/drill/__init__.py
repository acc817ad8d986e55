"""/drill weak: a quiz round on the member's weak spots (recent misses, weakest exam domains, leeches)."""

from bot.discord.drill._cog import DrillCog

__all__ = ["DrillCog"]
