"""`tutorbot notes add|list|remove|download --guild ID` and `--guild ID` on ask, search, quiz export and check."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge.embedder import Embedder
from bot.storage import Database, Repositories
from bot.storage.notes import NewNote
from tests.conftest import private_copy
from tests.storage.conftest import T0 as FAILED_AT
from tests.uploads.conftest import CELLS_DOCX, GUILD, TIDES_PDF

LISTED_KEYS = {"name", "size", "pages", "passages", "uploaded_by", "uploaded_at", "sha256"}


class Cli:
    """`tutorbot ARGS... --corpus … --index …` in-process over a private copy of the small default notes."""

    def __init__(self, where: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        self.where = where
        self.capsys = capsys

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main([*(str(a) for a in args), *self.where])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str | Path) -> list[dict]:
        code, out, err = self(*args, "--json")
        assert code == 0, err
        return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def cli(
    default_template: Path,
    tmp_path: Path,
    embedder: Embedder,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    settings = private_copy(default_template, tmp_path)
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    for module in ("bot.cli._common", "bot.cli._index", "bot.cli._quiz"):
        monkeypatch.setattr(f"{module}.embedder_for", lambda _model: embedder)
    return Cli(["--corpus", str(settings.paths.corpus_dir), "--index", str(settings.paths.index_dir)], capsys)


@pytest.fixture
def uploaded(cli: Cli, tmp_path: Path) -> Cli:
    (tmp_path / "tides.pdf").write_bytes(TIDES_PDF)
    (tmp_path / "cells.docx").write_bytes(CELLS_DOCX)
    code, out, err = cli("notes", "add", "--guild", GUILD, tmp_path / "tides.pdf", tmp_path / "cells.docx")
    assert code == 0, err
    assert "added tides.pdf: " in out and "added cells.docx: " in out
    return cli


def test_list_json_contract(uploaded: Cli) -> None:
    (listing,) = uploaded.json("notes", "list", "--guild", GUILD)
    assert (listing["guild"], listing["include_default"], listing["up_to_date"]) == (GUILD, True, True)
    assert listing["build_failed_at"] is None
    assert listing["quiz_ready"] is True  # the command line returns once both stages are recorded
    assert [f["name"] for f in listing["files"]] == ["cells.docx", "tides.pdf"]
    assert all(set(f) == LISTED_KEYS for f in listing["files"])
    tides = listing["files"][1]
    assert (tides["size"], tides["pages"], tides["uploaded_by"]) == (len(TIDES_PDF), 3, 0)
    assert tides["passages"] >= 1


def test_list_says_whether_the_latest_change_is_being_built_or_its_build_failed(uploaded: Cli) -> None:
    async def change(failed: bool) -> None:
        db = await Database.open(os.environ["DATABASE_URL"])
        try:
            notes = Repositories.over(db).notes
            if failed:
                await notes.record_failure(GUILD, (await notes.library(GUILD)).revision, FAILED_AT)
            else:  # a change whose build has not finished yet
                await notes.add(GUILD, [NewNote("extra.md", b"# Extra\n\nMore text.\n")], 7, FAILED_AT)
        finally:
            await db.close()

    asyncio.run(change(failed=False))
    code, out, _ = uploaded("notes", "list", "--guild", GUILD)
    assert code == 0 and "The latest changes are still being built." in out and "failed" not in out
    (listing,) = uploaded.json("notes", "list", "--guild", GUILD)
    assert (listing["up_to_date"], listing["build_failed_at"]) == (False, None)

    asyncio.run(change(failed=True))
    code, out, _ = uploaded("notes", "list", "--guild", GUILD)
    assert code == 0 and "still being built" not in out
    assert "The last build of these notes failed (2026-03-02 12:00 UTC). The files are kept" in out
    assert "try `tutorbot notes add` again" in out
    (listing,) = uploaded.json("notes", "list", "--guild", GUILD)
    assert (listing["up_to_date"], listing["build_failed_at"]) == (False, FAILED_AT.isoformat())


def test_ask_and_search_with_guild_cite_the_uploaded_file_and_its_page(uploaded: Cli) -> None:
    (answer,) = uploaded.json("ask", "--guild", GUILD, "When do neap tides come?")
    assert not answer["abstained"]
    assert answer["sources"][0]["source"] == "tides.pdf"
    assert answer["sources"][0]["pages"] == [3, 3]
    (found,) = uploaded.json("search", "--guild", GUILD, "neap tides quarter moons")
    assert found["hits"][0]["source"] == "tides.pdf"
    (default,) = uploaded.json("search", "neap tides quarter moons")  # without --guild: the default notes
    assert all(hit["source"] != "tides.pdf" for hit in default["hits"])


def test_quiz_export_and_check_with_guild_use_the_servers_notes(uploaded: Cli) -> None:
    prompts = uploaded.json("quiz", "export", "--guild", GUILD)
    assert {"tides.pdf", "cells.docx"} & {p["source"] for p in prompts}
    (checked,) = uploaded.json(
        "check", "--guild", GUILD, "What makes ATP in a cell?\nA. Mitochondria\nB. Ribosomes\nC. Blueberries"
    )
    assert checked["evidence"][0] and checked["evidence"][0][0]["source"] == "cells.docx"


def test_remove_takes_the_file_out_of_answers(uploaded: Cli) -> None:
    code, out, _ = uploaded("notes", "remove", "--guild", GUILD, "tides.pdf")
    assert code == 0 and "removed tides.pdf" in out
    (found,) = uploaded.json("search", "--guild", GUILD, "neap tides quarter moons")
    assert all(hit["source"] != "tides.pdf" for hit in found["hits"])
    code, _, err = uploaded("notes", "remove", "--guild", GUILD, "tides.pdf")
    assert code == 1 and "no notes file named tides.pdf" in err


def test_download_writes_the_file_as_uploaded(uploaded: Cli, tmp_path: Path) -> None:
    target = tmp_path / "back.pdf"
    code, _, _ = uploaded("notes", "download", "--guild", GUILD, "tides.pdf", "-o", target)
    assert code == 0 and target.read_bytes() == TIDES_PDF


def test_a_refused_file_is_named_with_its_reason_and_the_others_kept(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "fake.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "cells.docx").write_bytes(CELLS_DOCX)
    code, out, err = cli("notes", "add", "--guild", GUILD, tmp_path / "fake.pdf", tmp_path / "cells.docx")
    assert code == 1
    assert "refused: fake.pdf is named as a PDF, but it is really a PNG image." in err
    assert "added cells.docx" in out
    code, _, err = cli("notes", "add", "--guild", GUILD, tmp_path / "missing.md")
    assert code == 2 and "cannot read" in err
