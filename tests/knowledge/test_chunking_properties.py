"""Property: any markdown-ish notes give chunks within the limits, with spans inside the file that match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge.chunking import ChunkerSettings, chunk_documents
from bot.knowledge.corpus import Document
from bot.knowledge.tokens import count_tokens
from tests.knowledge.helpers import assert_span_covers, shown_lines

LIMITS = ChunkerSettings(max_chars=300, max_tokens=60)
WORDS = st.sampled_from(["queue", "bucket", "**bold**", "`code`", "x" * 90, "end.", "why?", "a-b.c", "é"])
PROSE = st.lists(WORDS, min_size=1, max_size=40).map(" ".join)
LINE = st.one_of(
    PROSE,
    PROSE.map(lambda t: f"- {t}"),
    PROSE.map(lambda t: f"  1. {t}"),
    st.sampled_from(["", "", "# Top", "## Middle", "   ### Indented", "```", "~~~", "---", "> quote", "  ```python"]),
    st.sampled_from(["| name | size |", "|---|:--:|", "| --- |", "|a|b|"]),
    PROSE.map(lambda t: f"| {t} | {t[:9]} |"),
    PROSE.map(lambda t: f"      {t}"),
    st.sampled_from(["![](https://e.com/a.png)", "https://e.com/page", "[reference](https://e.com)"]),
    PROSE.map(lambda t: f"{t} ![pic](https://e.com/p.png) [guide](https://e.com/g)"),
    st.text(max_size=60).map(lambda t: t.replace("\r", " ")),
)


@settings(max_examples=50, deadline=None)
@given(st.lists(LINE, max_size=40))
def test_chunks_stay_within_limits_and_their_spans(lines: list[str]):
    document = Document("notes/any.md", tuple("\n".join(lines).splitlines()))
    shown = shown_lines(document)
    for chunk in chunk_documents([document], LIMITS, window_fits=None):
        assert chunk.text.rstrip() == chunk.text and chunk.text.strip() and chunk.text.lstrip("\n") == chunk.text
        assert len(chunk.text) <= LIMITS.max_chars
        assert count_tokens(chunk.embed_text) <= LIMITS.max_tokens
        assert_span_covers(shown, chunk)
