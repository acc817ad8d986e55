"""The web leaderboard: server-rendered pages of each server's boards, served by `tutorbot web` or the bot."""

from bot.web.app import start_web, web_app

__all__ = ["start_web", "web_app"]
