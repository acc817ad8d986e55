"""A practice checker over the session's default notes index."""

from __future__ import annotations

import pytest

from bot.knowledge.practice import PracticeChecker
from bot.knowledge.retriever import Retriever


@pytest.fixture(scope="session")
def checker(default_retriever: Retriever) -> PracticeChecker:
    return PracticeChecker(default_retriever)
