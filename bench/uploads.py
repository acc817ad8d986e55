"""Benchmark: a server uploads a 100-page PDF; time until its first answer, against the bare embedding of the
PDF's chunks (the same run, the same process and model).

The PDF is made from a permuted copy of the default notes with distinct headings (`bench.synthetic.variant`), so
none of its chunks can be reused from the default notes' index: every one is embedded, as for new notes.
The first answer comes from the build's first stage (searchable, learned models lent by an earlier build); the
time until the complete build (quiz items and models made from the PDF) is recorded beside it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from dataclasses import dataclass

from fpdf import FPDF

from bench.env import in_fresh_process, peak_rss_mb, ready_settings, scratch_dir
from bench.report import Table, ratio, secs
from bench.synthetic import variant
from bot.clock import SystemClock
from bot.indexing import retriever_of
from bot.knowledge.answer_markdown import answer_markdown
from bot.knowledge.answering import Answerer
from bot.knowledge.chunking import chunk_documents
from bot.knowledge.corpus import load_corpus
from bot.knowledge.embedder import Embedder
from bot.knowledge.index.artifacts import load_build
from bot.knowledge.intake import read_upload
from bot.settings import REPO_ROOT, Settings
from bot.storage import Database, Repositories
from bot.uploads.builds import InlineBuilder
from bot.uploads.service import ServerNotes

PAGES, QUICK_PAGES = 100, 25
LINES_PER_PAGE = 48
GUILD = 1
QUESTION = "What does a dead-letter queue keep?"


def notes_pdf(pages: int) -> bytes:
    """`pages` pages of a permuted copy of the default notes (headings in the PDF's outline)."""
    lines: list[str] = []
    for number, document in enumerate(load_corpus(REPO_ROOT / "corpus", REPO_ROOT)):
        lines += variant("\n".join(document.lines), 1000 + number).splitlines()
    pdf = FPDF()
    pdf.set_font("helvetica", size=9)
    for page in range(pages):
        pdf.add_page()
        for line in lines[page * LINES_PER_PAGE : (page + 1) * LINES_PER_PAGE]:
            text = line.encode("latin-1", "replace").decode("latin-1")[:180]
            if text.startswith("#"):
                title = text.lstrip("#").strip() or "Section"
                pdf.start_section(title, level=min(text.count("#", 0, 6), 3) - 1, strict=False)
                text = title
            pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@dataclass(frozen=True)
class Figures:
    chunks: int
    bare_embedding: float
    first_answer: float
    build: float
    embedded: int
    complete: float  # seconds from the upload until the complete build is recorded (the second stage)
    peak_rss_mb: float


def measure(settings: Settings, data: bytes, include_default: bool) -> Figures:
    """In a fresh process: the bare embedding of the PDF's chunks, then the upload to its first answer."""
    embedder = Embedder()
    embedder.encode(["warm the model up"])
    chunks = chunk_documents([read_upload("notes.pdf", data)], window_fits=embedder.fits_window)
    started = time.perf_counter()
    embedder.encode([c.embed_text for c in chunks])
    bare = time.perf_counter() - started
    first_answer, build, embedded, complete = asyncio.run(_upload_and_ask(settings, embedder, data, include_default))
    return Figures(len(chunks), bare, first_answer, build, embedded, complete, peak_rss_mb())


async def _upload_and_ask(
    settings: Settings, embedder: Embedder, data: bytes, include_default: bool
) -> tuple[float, float, int, float]:
    db = await Database.open(settings.database_url)
    try:
        notes = ServerNotes(Repositories.over(db).notes, settings, InlineBuilder(embedder), SystemClock())
        if not include_default:  # off needs a file of the server's own first: a one-line one
            await notes.add(GUILD, [("seed.md", b"# Seed\n\nA seed file so the default notes can be turned off.\n")], 0)
            await notes.include_default(GUILD, False)
            await notes.settled()  # their second stages too: the upload starts on a quiet process
        started = time.perf_counter()
        outcome = await notes.add(GUILD, [("notes.pdf", data)], 0)
        source = await notes.source(GUILD)
        assert source is not None and outcome.build is not None
        answer = Answerer(retriever_of(load_build(source.folder, embedder.model_id), embedder)).answer(QUESTION)
        elapsed = time.perf_counter() - started
        assert answer_markdown(answer)
        await notes.settled(GUILD)
        complete = time.perf_counter() - started
        return elapsed, outcome.build.seconds, outcome.build.embedded, complete
    finally:
        await db.close()


def run(quick: bool) -> Table:
    pages = QUICK_PAGES if quick else PAGES
    data = notes_pdf(pages)
    table = Table(f"Upload of a {pages}-page PDF to its first answer")
    ready = ready_settings()  # the default notes with their index built: their vectors are reused
    for include_default in (False, True):
        root = scratch_dir("uploads")
        settings = ready.changed(
            paths={"index": root / "index"}, storage={"database_url": f"sqlite+aiosqlite:///{root / 'bench.db'}"}
        )
        shutil.copytree(ready.paths.index_dir, settings.paths.index_dir, symlinks=True)
        figures = in_fresh_process(measure, settings, data, include_default)
        label = "default notes on (as uploaded)" if include_default else "the PDF alone (default notes off)"
        met = figures.first_answer <= 1.5 * figures.bare_embedding
        table.add(
            f"upload → first answer, {label}",
            f"{secs(figures.first_answer)} ({ratio(figures.first_answer, figures.bare_embedding):.2f}x)",
            f"bare embedding of its {figures.chunks} chunks: {secs(figures.bare_embedding)}",
            "<= 1.5x the bare embedding",
            met,
        )
        table.note(
            f"{label}: searchable build {secs(figures.build)}, {figures.embedded} chunks embedded; complete build "
            f"(quiz items, models) recorded {secs(figures.complete)} after the upload; peak RSS "
            f"{figures.peak_rss_mb:.0f} MB"
        )
    table.note(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores shared)")
    return table
