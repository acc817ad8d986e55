"""Role rewards: `/rewards add|remove|list` for managers, and the loop that gives and takes the roles."""

from bot.discord.rewards._cog import RewardsCog

__all__ = ["RewardsCog"]
