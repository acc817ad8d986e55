"""Chunking: exact line spans, the token window, heading paths, noise lines, huge lines, stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.chunking import Chunk, ChunkerSettings, chunk_documents
from bot.knowledge.corpus import Document, load_corpus
from bot.knowledge.embedder import Embedder
from bot.knowledge.markdown import clean_line
from bot.settings import REPO_ROOT
from tests.conftest import write_notes
from tests.knowledge.helpers import assert_span_exact, shown_lines, squeezed

NESTED = """Preface before any heading.

# Compute

Servers run code.

## Containers

```bash
# this comment is not a heading
docker run hello

docker ps
```

   ### Registries

Images are stored in a registry.

    # four spaces make code, not a heading
## Empty one
![only a picture](https://example.com/empty.png)

https://example.com/just-a-link

# Storage

- Buckets hold objects ![bucket](https://example.com/bucket.png)
- See [reference](https://example.com/ref) and the [S3 guide](https://example.com/s3)
<img src="https://example.com/html.png" alt="x">
"""


def document(text: str, source: str = "notes/test.md") -> Document:
    return Document(source, tuple(text.splitlines()))


def chunks_of(text: str, settings: ChunkerSettings | None = None) -> list[Chunk]:
    return chunk_documents([document(text)], settings)


@pytest.fixture(scope="module")
def default_documents() -> list[Document]:
    return load_corpus(REPO_ROOT / "corpus", REPO_ROOT)


@pytest.fixture(scope="module")
def default_chunks(default_documents: list[Document], embedder: Embedder) -> list[Chunk]:
    return chunk_documents(default_documents, window_fits=embedder.fits_window)


def test_default_corpus_spans_reproduce_each_chunk(default_documents: list[Document], default_chunks: list[Chunk]):
    (notes,) = default_documents
    shown = shown_lines(notes)
    assert len(default_chunks) > 100
    for chunk in default_chunks:
        assert_span_exact(shown, chunk)


def test_default_corpus_chunks_fit_the_model_window(default_chunks: list[Chunk], embedder: Embedder):
    too_long = [c.chunk_id for c in default_chunks if embedder.count_wordpieces(c.embed_text) > embedder.window]
    assert too_long == []
    assert max(len(c.text) for c in default_chunks) <= 1500


def test_default_corpus_has_no_empty_or_noise_chunks(default_chunks: list[Chunk]):
    for chunk in default_chunks:
        assert any(c.isalnum() for c in chunk.text), chunk
        assert "![" not in chunk.text and "](http" not in chunk.text, chunk


def test_heading_paths_follow_nesting_and_ignore_fenced_and_indented_code():
    by_text = {c.text.split("\n")[0]: c for c in chunks_of(NESTED)}
    assert by_text["Preface before any heading."].heading_path == ()
    assert by_text["Servers run code."].heading_path == ("Compute",)
    code = by_text["```bash"]
    assert code.heading_path == ("Compute", "Containers")
    assert "# this comment is not a heading" in code.text and "docker ps" in code.text
    registry = by_text["Images are stored in a registry."]
    assert registry.heading_path == ("Compute", "Containers", "Registries")
    assert "# four spaces make code" in registry.text
    assert by_text["- Buckets hold objects"].heading_path == ("Storage",)


def test_images_and_bare_urls_never_become_chunks_but_images_are_kept():
    chunks = chunks_of(NESTED)
    assert all(c.heading_path != ("Compute", "Empty one") for c in chunks)
    assert not any("example.com" in c.text for c in chunks)
    (storage,) = [c for c in chunks if c.heading_path == ("Storage",)]
    assert storage.text == "- Buckets hold objects\n- See  and the S3 guide"
    assert storage.images == ("https://example.com/bucket.png", "https://example.com/html.png")


def test_nested_example_spans_are_exact():
    doc = document(NESTED)
    for chunk in chunk_documents([doc]):
        assert_span_exact(shown_lines(doc), chunk)


def test_notes_without_headings_are_one_topic_named_after_the_file():
    (chunk,) = chunk_documents([document("first line\nsecond line\n\nnext paragraph", "notes/gardening.md")])
    assert (chunk.heading_path, chunk.topic) == ((), "gardening")
    assert (chunk.start_line, chunk.end_line) == (1, 4)
    assert chunk.text == "first line\nsecond line\nnext paragraph"


@pytest.mark.parametrize(
    "line",
    [
        " ".join(f"Sentence {i} explains one more fact about queues." for i in range(400)),  # ~20,000 chars
        "x" * 5000 + " and a short tail",  # one 5,000-character word
    ],
    ids=["20k-char-line", "5k-char-word"],
)
def test_a_huge_single_line_is_split_with_exact_spans(line: str, embedder: Embedder):
    doc = document(f"# Big\n\nbefore\n\n{line}\n\nafter")
    chunks = chunk_documents([doc], window_fits=embedder.fits_window)
    assert len([c for c in chunks if c.start_line <= 5 <= c.end_line]) > 1
    assert squeezed("".join(c.text for c in chunks)) == squeezed(f"before{line}after")  # nothing lost or repeated
    for chunk in chunks:
        assert_span_exact(shown_lines(doc), chunk)
        assert len(chunk.text) <= 1500
        assert embedder.fits_window(chunk.embed_text)


def test_non_utf8_bytes_are_replaced_not_fatal(tmp_path: Path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "latin1.md").write_bytes("# Caf\xe9\n\nCr\xe8me br\xfbl\xe9e is a dessert.\n".encode("latin-1"))
    (chunk,) = chunk_documents(load_corpus(notes, tmp_path))
    assert chunk.source == "notes/latin1.md"
    assert chunk.heading_path == ("Caf\ufffd",)
    assert "dessert" in chunk.text


def test_chunk_ids_are_stable_across_rebuilds_and_when_lines_above_shift():
    before = chunks_of(NESTED)
    assert [c.chunk_id for c in chunks_of(NESTED)] == [c.chunk_id for c in before]
    shifted = chunks_of("A new paragraph added on top.\n\nAnd another one.\n\n" + NESTED)
    ids_after = {c.chunk_id: c for c in shifted}
    for chunk in before[1:]:  # everything but the changed preface keeps its id, at new line numbers
        assert chunk.chunk_id in ids_after
        assert ids_after[chunk.chunk_id].start_line == chunk.start_line + 4


def test_chunk_ids_are_unique_even_for_repeated_text():
    chunks = chunks_of("# A\n\nSame words.\n\n```\nx\n```\n\nSame words.\n\n```\nx\n```\n")
    ids = [c.chunk_id for c in chunks]
    assert len(ids) == len(set(ids))


def test_changing_a_chunk_changes_only_its_id():
    base = "# T\n\nalpha paragraph\n\n## U\n\nbeta paragraph\n"
    old = {c.text: c.chunk_id for c in chunks_of(base)}
    new = {c.text: c.chunk_id for c in chunks_of(base.replace("beta", "gamma"))}
    assert new["alpha paragraph"] == old["alpha paragraph"]
    assert new["gamma paragraph"] != old["beta paragraph"]


def test_chunks_of_a_written_corpus_carry_relative_sources(tmp_path: Path):
    notes = write_notes(tmp_path / "notes", {"b.md": "# B\n\nbee", "a.txt": "ant", "skip.json": "{}"})
    chunks = chunk_documents(load_corpus(notes, tmp_path))
    assert [(c.source, c.text) for c in chunks] == [("notes/a.txt", "ant"), ("notes/b.md", "bee")]


def test_max_chars_holds_without_headings():
    settings = ChunkerSettings(max_chars=300, max_tokens=10_000)
    text = "\n".join(["word " * 20] * 30)
    assert max(len(c.text) for c in chunks_of(text, settings)) <= 300


def test_pieces_of_a_paragraph_with_a_hidden_line_keep_their_own_lines():
    doc = document("# T\nA short opening line.\n![pic](https://e.com/p.png)\n" + "long words here " * 15)
    chunks = chunk_documents([doc], ChunkerSettings(max_chars=200, max_tokens=1000))
    assert [(c.start_line, c.end_line) for c in chunks] == [(2, 2), (4, 4), (4, 4)]


def test_a_diagram_alone_under_its_heading_is_kept_somewhere():
    chunks = chunks_of("# A\n\ntext\n\n## Comparison\n\n![table](https://e.com/table.png)\n\n## B\n\nmore")
    assert "https://e.com/table.png" in {url for c in chunks for url in c.images}


@pytest.mark.parametrize(
    ("line", "shown", "images"),
    [
        ("![](https://e.com/a.png)", "", ["https://e.com/a.png"]),
        ("![]()", "", []),  # an empty image link is no diagram
        ("!()[]", "", []),  # a broken image link leaves no '![]' behind
        ("- https://e.com/page", "", []),
        ("See [the guide](https://e.com/g) or [here](https://e.com/h).", "See the guide or .", []),
        ('Flow <img src="https://e.com/f.png"> here', "Flow  here", ["https://e.com/f.png"]),
    ],
)
def test_clean_line_drops_image_and_link_noise(line: str, shown: str, images: list[str]):
    assert clean_line(line) == (shown, images)
