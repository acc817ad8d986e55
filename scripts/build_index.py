#!/usr/bin/env python3
"""Build the notes index: the same as `tutorbot build-index` (flags: --corpus DIR --index DIR --if-stale)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli import main  # after the path change: the repository root must be importable first

if __name__ == "__main__":
    sys.exit(main(["build-index", *sys.argv[1:]]))
