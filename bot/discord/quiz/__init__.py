"""/quiz and /review: one prompt at a time, buttons for choices, a modal for typed answers."""

from bot.discord.quiz._cog import QuizCog
from bot.discord.quiz._round import show_round, start_round
from bot.discord.quiz._topic_button import QuizOnTopic

__all__ = ["QuizCog", "QuizOnTopic", "show_round", "start_round"]
