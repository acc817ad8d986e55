"""Pieces of the tutor service that bot/tutor.py composes: batching, quiz rounds, daily-quiz rules, results."""
