"""The keyword index is the same in every process: builds of the same notes are reproducible."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BUILD = """
import hashlib, sys
from pathlib import Path
from bot.knowledge.index.sparse import BM25Index
rows = [["tide", "moon", "pull"], ["moon", "phase"], [], ["pull", "orbit", "tide", "spring"]] * 20
folder = Path(sys.argv[1])
BM25Index.of(rows).save(folder)
print(hashlib.sha256(b"".join(f.read_bytes() for f in sorted(folder.iterdir()))).hexdigest())
"""


def _build_in_process(folder: Path, hash_seed: str) -> str:
    folder.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(folder)], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_two_processes_with_different_string_hashing_save_the_same_index(tmp_path: Path) -> None:
    assert _build_in_process(tmp_path / "a", "1") == _build_in_process(tmp_path / "b", "2")
