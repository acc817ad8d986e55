"""`python -m bench [--quick] [--only NAME ...]`: run the benchmarks and print their tables (markdown)."""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
import time

BENCHMARKS = (
    "build",
    "latency",
    "concurrency",
    "startup",
    "notes_scale",
    "server_scale",
    "shards",
    "uploads",
    "server_notes",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller scales: a few minutes on 2 cores")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these benchmarks")
    args = parser.parse_args(argv)
    print(f"# tutorbot benchmarks ({'quick' if args.quick else 'full'}) {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"python {platform.python_version()} on {platform.machine()}, {_cpus()} CPUs\n", flush=True)
    for name in args.only or BENCHMARKS:
        started = time.perf_counter()
        table = importlib.import_module(f"bench.{name}").run(args.quick)
        print(table.markdown(), flush=True)
        print(f"({name} took {time.perf_counter() - started:.0f} s)\n", flush=True)
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())
