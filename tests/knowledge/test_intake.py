"""Uploaded notes read into Documents: each format kept as the docs say, every refusal with its reason."""

from __future__ import annotations

import re

import pytest
from pypdf import PageObject

from bot.errors import Refusal, UploadRefused
from bot.knowledge.answering import Citation
from bot.knowledge.chunking import chunk_documents
from bot.knowledge.index.artifacts import chunk_from_json, chunk_to_json
from bot.knowledge.intake import UploadLimits, check_server_room, clean_name, read_upload
from tests.upload_files import (
    docx_bytes,
    encrypted_pdf_bytes,
    pdf_bytes,
    scanned_pdf_bytes,
    zip_bomb_docx,
    zip_bytes,
)

TIDES = [
    [(1, "Tides"), (None, "Tides rise and fall twice a day, pulled by the Moon.")],
    [(None, "Spring tides come at new and full moon, when the Sun and Moon pull together.")],
    [(2, "Neap tides"), (None, "Neap tides come at the quarter moons and have the smallest range.")],
]


def refusal(name: str, data: bytes, limits: UploadLimits | None = None) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        read_upload(name, data, limits)
    assert caught.value.reason in Refusal
    return caught.value


def test_markdown_is_read_line_for_line_under_its_uploaded_name() -> None:
    document = read_upload("Week 1/bio notes.md", b"# Cells\n\nCells have a membrane.\n")
    assert document.source == "bio notes.md"
    assert document.lines == ("# Cells", "", "Cells have a membrane.")
    assert document.pages == ()


def test_pdf_keeps_each_lines_page_and_its_outline_as_headings() -> None:
    document = read_upload("tides.pdf", pdf_bytes(TIDES))
    page_of = dict(zip(document.lines, document.pages, strict=True))
    assert page_of["# Tides"] == 1
    assert page_of["Spring tides come at new and full moon, when the Sun and Moon pull together."] == 2
    assert page_of["## Neap tides"] == 3
    chunks = chunk_documents([document])
    neap = next(c for c in chunks if "quarter moons" in c.text)
    assert neap.heading_path == ("Tides", "Neap tides")
    assert neap.pages == (3, 3)
    spring = next(c for c in chunks if "Spring tides" in c.text)
    assert spring.pages[-1] == 2


def test_a_pdf_citation_names_the_file_and_its_pages() -> None:
    chunk = next(c for c in chunk_documents([read_upload("tides.pdf", pdf_bytes(TIDES))]) if "Neap" in c.text)
    citation = Citation(chunk.source, chunk.heading_path, chunk.start_line, chunk.end_line, pages=chunk.pages)
    assert citation.label == "tides.pdf › Tides › Neap tides, p. 3"
    assert Citation("tides.pdf", (), 1, 9, pages=(2, 4)).label == "tides.pdf, pp. 2–4"
    assert Citation("notes/a.md", ("A",), 3, 3).label == "A, line 3"  # text notes still cite lines


def test_pages_survive_the_index_files() -> None:
    chunk = chunk_documents([read_upload("tides.pdf", pdf_bytes(TIDES))])[0]
    assert chunk_from_json(chunk_to_json(chunk)) == chunk


def test_pdf_text_that_looks_like_markdown_stays_text() -> None:
    document = read_upload("odd.pdf", pdf_bytes([[(None, "# not a heading\n``` not a fence")]]))
    assert [c.heading_path for c in chunk_documents([document])] == [()]
    assert "\\# not a heading" in document.lines


def test_docx_keeps_headings_lists_and_tables() -> None:
    data = docx_bytes(
        [
            ("heading", (1, "Cells")),
            ("paragraph", "Every cell has a membrane."),
            ("heading", (2, "Organelles")),
            ("bullet", "Mitochondria make ATP."),
            ("bullet", "Ribosomes make proteins."),
            ("table", [["Organelle", "Job"], ["Nucleus", "Holds | the DNA"]]),
            ("paragraph", "# not a heading"),
        ]
    )
    document = read_upload("cells.docx", data)
    lines = [line for line in document.lines if line]
    assert lines[:5] == [
        "# Cells",
        "Every cell has a membrane.",
        "## Organelles",
        "- Mitochondria make ATP.",
        "- Ribosomes make proteins.",
    ]
    assert "| Nucleus | Holds \\| the DNA |" in lines
    assert "\\# not a heading" in lines
    chunks = chunk_documents([document])
    assert {c.heading_path for c in chunks} == {("Cells",), ("Cells", "Organelles")}


def test_docx_title_and_styles_based_on_headings_are_headings() -> None:
    document = read_upload("t.docx", docx_bytes([("styled", ("Title", "Biology")), ("paragraph", "Intro text.")]))
    assert "# Biology" in document.lines


@pytest.mark.parametrize(
    ("name", "data", "reason", "words"),
    [
        ("notes.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64), Refusal.NOT_WHAT_IT_CLAIMS, "PNG image"),
        ("notes.txt", b"%PDF-1.7\n" + bytes(64), Refusal.NOT_WHAT_IT_CLAIMS, "really a PDF"),
        ("notes.md", b"MZ\x90\x00" + bytes(64), Refusal.NOT_WHAT_IT_CLAIMS, "Windows program"),
        ("notes.docx", b"%PDF-1.4\n" + bytes(64), Refusal.NOT_WHAT_IT_CLAIMS, "really a PDF"),
        ("notes.docx", zip_bytes({"notes.md": b"# hi"}), Refusal.NOT_WHAT_IT_CLAIMS, "not a Word document"),
        ("notes.pdf", b"just some words, not a pdf", Refusal.NOT_WHAT_IT_CLAIMS, "not a PDF"),
        ("notes.doc", b"\xd0\xcf\x11\xe0", Refusal.UNSUPPORTED, "save it as .docx"),
        ("notes.exe", b"MZ", Refusal.UNSUPPORTED, "does not read .exe"),
        ("README", b"hello", Refusal.UNSUPPORTED, "without a suffix"),
        ("notes.txt", bytes(range(256)) * 8, Refusal.NOT_TEXT, "not text"),
        ("notes.md", b"   \n\n", Refusal.NO_TEXT, "no text"),
        ("notes.md", b"", Refusal.NO_TEXT, "empty"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused_with_the_reason(
    name: str, data: bytes, reason: Refusal, words: str
) -> None:
    refused = refusal(name, data)
    assert refused.reason is reason
    assert words in str(refused)
    assert name in str(refused)


def test_an_encrypted_pdf_is_refused() -> None:
    refused = refusal("locked.pdf", encrypted_pdf_bytes())
    assert refused.reason is Refusal.ENCRYPTED
    assert "unprotected copy" in str(refused)


def test_a_scan_without_a_text_layer_is_refused() -> None:
    refused = refusal("scan.pdf", scanned_pdf_bytes())
    assert refused.reason is Refusal.NO_TEXT
    assert "OCR" in str(refused)


def test_a_damaged_pdf_is_refused_as_unreadable() -> None:
    data = pdf_bytes(TIDES)
    refused = refusal("cut.pdf", data[:200])
    assert refused.reason in {Refusal.UNREADABLE, Refusal.NO_TEXT}
    assert "cut.pdf" in str(refused)


def test_a_docx_that_would_expand_too_far_is_refused_before_unpacking() -> None:
    refused = refusal("bomb.docx", zip_bomb_docx())
    assert refused.reason is Refusal.EXPANDS_TOO_FAR
    assert re.search(r"would unpack to 8\.\d MB from \d+\.\d KB", str(refused))


def test_a_docx_with_too_many_parts_is_refused() -> None:
    data = docx_bytes([("paragraph", "Some text.")])
    refused = refusal("parts.docx", data, UploadLimits(archive_entries=3))
    assert refused.reason is Refusal.EXPANDS_TOO_FAR


def test_a_damaged_zip_is_refused() -> None:
    refused = refusal("broken.docx", b"PK\x03\x04" + bytes(100))
    assert refused.reason is Refusal.UNREADABLE


def test_size_is_checked_before_anything_is_parsed() -> None:
    refused = refusal("big.pdf", b"not even a pdf" * 100, UploadLimits(file_bytes=1000))
    assert refused.reason is Refusal.TOO_BIG
    assert "1.4 KB" in str(refused)


def test_pages_are_counted_before_any_text_is_extracted(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_extraction(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("text extracted before the page count was checked")

    monkeypatch.setattr(PageObject, "extract_text", no_extraction)
    refused = refusal("long.pdf", pdf_bytes(TIDES), UploadLimits(pages=2))
    assert refused.reason is Refusal.TOO_MANY_PAGES
    assert "3 pages" in str(refused)


def test_too_much_text_is_refused() -> None:
    refused = refusal("long.md", ("word " * 500).encode(), UploadLimits(text_chars=1000))
    assert refused.reason is Refusal.TOO_MUCH_TEXT


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.md", "passwd.md"),
        ("C:\\Users\\me\\notes.txt", "notes.txt"),
        ("bio\x00\x1b[31m notes.md", "bio[31m notes.md"),
        ("x" * 300 + ".pdf", "x" * 96 + ".pdf"),
        ("  spaced   out  .md", "spaced out.md"),
    ],
)
def test_names_are_cleaned(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


@pytest.mark.parametrize("raw", ["", "...", "\x00\x01", "/"])
def test_unusable_names_are_refused(raw: str) -> None:
    with pytest.raises(UploadRefused) as caught:
        clean_name(raw)
    assert caught.value.reason is Refusal.BAD_NAME


def test_server_room_counts_files_and_bytes_and_a_replacement_once() -> None:
    limits = UploadLimits(files_per_server=2, server_bytes=100)
    stored = {"a.md": 40, "b.md": 40}
    check_server_room(stored, {"a.md": 50}, limits)  # replaces a.md: still two files, 90 bytes
    with pytest.raises(UploadRefused, match="at most 2 notes files and has 2") as files:
        check_server_room(stored, {"c.md": 1}, limits)
    assert files.value.reason is Refusal.SERVER_FULL
    with pytest.raises(UploadRefused, match="at most 100 bytes") as size:
        check_server_room({"a.md": 40}, {"c.md": 61}, limits)
    assert size.value.reason is Refusal.SERVER_FULL
