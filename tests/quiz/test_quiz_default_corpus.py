"""The figures the generator must reach on the default notes, read from the session's build of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.corpus import load_corpus
from bot.knowledge.markdown import heading_of
from bot.knowledge.retriever import Retriever
from bot.quiz.item import PROMPTS_FILE, load_prompts
from tests.quiz.checks import answer_in_cited_lines, problems


@pytest.mark.slow
def test_default_corpus_prompts(repo_root: Path, default_retriever: Retriever) -> None:
    documents = load_corpus(repo_root / "corpus", repo_root)
    source_lines = {d.source: d.lines for d in documents}
    prompts = load_prompts(Path(default_retriever.index.path) / PROMPTS_FILE)

    top_sections = {
        heading[1]
        for d in documents
        for line in d.lines
        if (heading := heading_of(line)) is not None and heading[0] == 1
    }
    assert len(prompts) >= 250
    assert len({p.kind for p in prompts}) >= 4
    assert top_sections <= {p.topic for p in prompts}
    found = sum(answer_in_cited_lines(p, source_lines) for p in prompts)
    assert found / len(prompts) >= 0.98
    assert problems(prompts) == []
