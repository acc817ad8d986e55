"""Notes files made in the tests as members would upload them: PDFs (fpdf2), Word files (python-docx), and files
that are not what they claim (a zip bomb, an encrypted PDF, a scan without text)."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from io import BytesIO

import docx
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

# A page is a list of blocks: (heading level, title) starts an outline entry printed as a line; (None, text) is
# a paragraph.
Block = tuple[int | None, str]


def pdf_bytes(pages: Sequence[Sequence[Block]]) -> bytes:
    """A PDF with a text layer, one page per entry, its headings in the outline (bookmarks) at their level."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for page in pages:
        pdf.add_page()
        for level, text in page:
            if level is not None:
                pdf.start_section(text, level=level - 1)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scanned_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF whose pages hold only drawings (as a scan holds only images): no text layer."""
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def encrypted_pdf_bytes(password: str = "secret") -> bytes:
    """A PDF that opens only with `password` (RC4, readable without any extra library)."""
    writer = PdfWriter()
    writer.append(PdfReader(BytesIO(pdf_bytes([[(None, "Locked notes about tides.")]]))))
    writer.encrypt(password, algorithm="RC4-128")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(blocks: Sequence[tuple[str, object]]) -> bytes:
    """A Word file from blocks: ("heading", (level, text)), ("paragraph", text), ("bullet", text),
    ("table", rows as lists of cell texts), ("styled", (style name, text))."""
    document = docx.Document()
    for kind, value in blocks:
        if kind == "heading":
            level, text = value  # type: ignore[misc]
            document.add_heading(text, level)
        elif kind == "paragraph":
            document.add_paragraph(str(value))
        elif kind == "bullet":
            document.add_paragraph(str(value), style="List Bullet")
        elif kind == "styled":
            style, text = value  # type: ignore[misc]
            document.add_paragraph(text, style=style)
        elif kind == "table":
            rows = list(value)  # type: ignore[call-overload]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for cells, row in zip(rows, table.rows, strict=True):
                for text, cell in zip(cells, row.cells, strict=True):
                    cell.text = text
        else:
            raise ValueError(kind)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    """A deflated zip archive of `parts` (name -> bytes)."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb_docx(expanded: int = 8 * 1024 * 1024) -> bytes:
    """A .docx-shaped zip (it has word/document.xml) with a part of `expanded` zero bytes (about 1000:1)."""
    real = docx_bytes([("paragraph", "A real paragraph.")])
    with zipfile.ZipFile(BytesIO(real)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/media/padding.bin"] = bytes(expanded)
    return zip_bytes(parts)
