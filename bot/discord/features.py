"""The discord.py extensions TutorBot loads, in order: the shared components first, then one per feature.

Each is a package under bot/discord/ whose `__init__` defines `async def setup(bot: TutorBot) -> None` (it adds
the feature's cog). A new feature is a new package and a new line here; features reach each other only through
bot/discord/shared (tests/test_architecture.py checks both).
"""

SHARED = "bot.discord.shared"

FEATURES = (
    "bot.discord.ask",
    "bot.discord.check",
    "bot.discord.quiz",
    "bot.discord.reports",
    "bot.discord.progress",
    "bot.discord.timezone",
    "bot.discord.groups",
    "bot.discord.config",
    "bot.discord.help",
    "bot.discord.daily",
    "bot.discord.seasons",
    "bot.discord.rewards",
    "bot.discord.exam",
    "bot.discord.mock",
    "bot.discord.drill",
    "bot.discord.notes",
)

EXTENSIONS = (SHARED, *FEATURES)
